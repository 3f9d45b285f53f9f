import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { seededUniform, syntheticCandles } from '../../../../test/support/synthetic-candles.js';
import { DEFAULT_INDICATOR_PERIODS, warmUpCandles } from '../../src/indicators/indicator-periods.js';
import { IndicatorSet } from '../../src/indicators/indicator-set.js';
import { indicatorText, toMatrixIndicators } from '../../src/indicators/indicator-text.js';

const candles = syntheticCandles({
  count: 400,
  startTimeMs: Date.UTC(2024, 0, 1),
  intervalMs: 60_000,
  startPrice: 250,
  uniform: seededUniform(7),
});

describe('IndicatorSet', () => {
  it('when candles are added one by one then every snapshot equals a from-scratch computation', () => {
    const streaming = IndicatorSet.fromHistory(candles.slice(0, 100));
    for (let end = 101; end <= candles.length; end += 37) {
      for (const candle of candles.slice(streaming.candleCount, end)) streaming.update(candle);
      const fromScratch = IndicatorSet.fromHistory(candles.slice(0, end));
      expect(streaming.snapshot()).toEqual(fromScratch.snapshot());
    }
  });

  it('when fewer candles than the warm-up are known then exactly the unstable indicators are null', () => {
    const needed = warmUpCandles(DEFAULT_INDICATOR_PERIODS);
    expect(needed).toBe(34); // MACD: 26 for the line, then 9 values of it for the signal.
    const set = IndicatorSet.fromHistory(candles.slice(0, needed - 1));
    const values = set.snapshot().values;
    expect(values.macd_signal).toBeNull();
    expect(values.macd_histogram).toBeNull();
    expect(
      Object.entries(values)
        .filter(([, value]) => value === null)
        .map(([name]) => name),
    ).toEqual(['macd_signal', 'macd_histogram']);
    set.update(candles[needed - 1] ?? fail());
    expect(Object.values(set.snapshot().values).every((value) => value !== null)).toBe(true);
  });

  it('when a single candle is known then every indicator is null and the time is its open', () => {
    const set = IndicatorSet.fromHistory(candles.slice(0, 1));
    const snapshot = set.snapshot();
    expect(snapshot.candleTimeMs).toBe(Date.UTC(2024, 0, 1));
    expect(snapshot.candleCount).toBe(1);
    expect(Object.values(snapshot.values).every((value) => value === null)).toBe(true);
  });

  it.each([
    ['the same candle again', 10],
    ['an older candle', 5],
  ])('when %s is added then it is refused and the state is unchanged', (_, index) => {
    const set = IndicatorSet.fromHistory(candles.slice(0, 11));
    const before = set.snapshot();
    expect(() => set.update(candles[index] ?? fail())).toThrow(/time order/);
    expect(set.snapshot()).toEqual(before);
  });

  it('when no candle was added then a snapshot is refused', () => {
    expect(() => new IndicatorSet().snapshot()).toThrow(/no candle yet/);
  });

  it('when periods contradict each other then construction lists every problem', () => {
    const bad = { ...DEFAULT_INDICATOR_PERIODS, macdFast: 30, emaFast: 21, rsi: 0 };
    expect(() => new IndicatorSet(bad)).toThrow(/rsi must be above 0.*MACD fast.*fast EMA/);
  });

  it('when a snapshot is converted then null stays null and every other value is decimal text', () => {
    const set = IndicatorSet.fromHistory(candles.slice(0, 30));
    const indicators = toMatrixIndicators(set.snapshot().values);
    expect(indicators.macd_signal).toBeNull();
    expect(indicators.rsi).toMatch(/^\d+(\.\d+)?$/);
    expect(dec(indicators.bb_upper ?? '0').greaterThan(dec(indicators.bb_lower ?? '0'))).toBe(true);
  });
});

function fail(): never {
  throw new Error('fixture too short');
}

describe('indicatorText', () => {
  it.each([
    [70.46413502109705, '70.4641350211'],
    [0.1 + 0.2, '0.3'],
    [1.5e-7, '0.00000015'],
    [-0.0837, '-0.0837'],
    [123456789012345, '123456789012000'],
    [64000, '64000'],
    [100, '100'],
    [-0, '0'],
    [-1e-20, '-0.00000000000000000001'],
  ])('when %d leaves as text then it reads %s', (value, text) => {
    expect(indicatorText(value)).toBe(text);
  });
});
