import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import type { IndicatorSnapshot, IndicatorValues } from '../../src/indicators/indicator-snapshot.js';
import { DEFAULT_MATRIX_SETTINGS, type MatrixSettings } from '../../src/matrix/matrix-settings.js';
import { scoreSignals } from '../../src/matrix/signal-scoring.js';

// A market with no opinion: RSI mid-range, flat MACD, close inside the bands, EMAs equal, ROC 0, volume normal.
const NEUTRAL: IndicatorValues = {
  rsi: 50,
  macd: 0,
  macd_signal: 0,
  macd_histogram: 0,
  bb_upper: 110,
  bb_middle: 100,
  bb_lower: 90,
  atr: 2,
  roc: 0,
  ema_fast: 100,
  ema_slow: 100,
  volume_ratio: 1,
};
const TREND_UP = { macd_histogram: 0.4, ema_fast: 101, roc: 1.2 };
const TREND_DOWN = { macd_histogram: -0.4, ema_fast: 99, roc: -1.2 };
const ALL_WEIGHTS_ONE: Partial<MatrixSettings> = {
  weights: { rsi: dec(1), macd: dec(1), bollinger: dec(1), ema_cross: dec(1), roc: dec(1), volume: dec(1) },
  buyThreshold: dec(2),
  sellThreshold: dec(2),
};

interface Row {
  readonly when: string;
  readonly values?: Partial<IndicatorValues>;
  readonly close?: number;
  readonly settings?: Partial<MatrixSettings>;
  readonly buy: string;
  readonly sell: string;
  readonly action: 'BUY' | 'SELL' | 'HOLD';
  readonly warmingUp?: string[];
}

// Default settings: weights rsi 1, macd 1, bollinger 1, ema_cross 1, roc 0.5, volume 0.5; thresholds 3 / 3.
const rows: Row[] = [
  { when: 'nothing leans', buy: '0', sell: '0', action: 'HOLD' },
  { when: 'RSI is at the oversold level (30)', values: { rsi: 30 }, buy: '1', sell: '0', action: 'HOLD' },
  { when: 'RSI is just above oversold', values: { rsi: 30.01 }, buy: '0', sell: '0', action: 'HOLD' },
  { when: 'RSI is at the overbought level (70)', values: { rsi: 70 }, buy: '0', sell: '1', action: 'HOLD' },
  {
    when: 'the MACD histogram is positive',
    values: { macd_histogram: 0.01 },
    buy: '1',
    sell: '0',
    action: 'HOLD',
  },
  {
    when: 'the MACD histogram is negative',
    values: { macd_histogram: -0.01 },
    buy: '0',
    sell: '1',
    action: 'HOLD',
  },
  { when: 'the close is below the lower band', close: 89.99, buy: '1', sell: '0', action: 'HOLD' },
  { when: 'the close is on the lower band', close: 90, buy: '0', sell: '0', action: 'HOLD' },
  { when: 'the close is above the upper band', close: 110.01, buy: '0', sell: '1', action: 'HOLD' },
  {
    when: 'the fast EMA is above the slow',
    values: { ema_fast: 100.5 },
    buy: '1',
    sell: '0',
    action: 'HOLD',
  },
  { when: 'the fast EMA is below the slow', values: { ema_fast: 99.5 }, buy: '0', sell: '1', action: 'HOLD' },
  { when: 'ROC is positive', values: { roc: 0.1 }, buy: '0.5', sell: '0', action: 'HOLD' },
  { when: 'ROC is negative', values: { roc: -0.1 }, buy: '0', sell: '0.5', action: 'HOLD' },
  {
    when: 'volume spikes with no side ahead',
    values: { volume_ratio: 3 },
    buy: '0',
    sell: '0',
    action: 'HOLD',
  },
  { when: 'the trend is up without volume', values: TREND_UP, buy: '2.5', sell: '0', action: 'HOLD' },
  {
    when: 'the trend is up and volume reaches the ratio (1.5)',
    values: { ...TREND_UP, volume_ratio: 1.5 },
    buy: '3',
    sell: '0',
    action: 'BUY',
  },
  {
    when: 'the trend is up with volume though RSI is overbought',
    values: { ...TREND_UP, volume_ratio: 2, rsi: 75 },
    buy: '3',
    sell: '1',
    action: 'BUY',
  },
  {
    when: 'the trend is down with volume',
    values: { ...TREND_DOWN, volume_ratio: 2 },
    buy: '0',
    sell: '3',
    action: 'SELL',
  },
  {
    when: 'the trend is down and the close breaks the upper band',
    values: { ...TREND_DOWN },
    close: 111,
    buy: '0',
    sell: '3.5',
    action: 'SELL',
  },
  {
    when: 'both sides reach their thresholds equally',
    values: { rsi: 20, macd_histogram: -1, ema_fast: 99 },
    close: 80,
    settings: ALL_WEIGHTS_ONE,
    buy: '2',
    sell: '2',
    action: 'HOLD',
  },
  {
    when: 'the MACD signal is still warming up',
    values: { ...TREND_UP, volume_ratio: 2, rsi: 25, macd_histogram: null },
    buy: '3',
    sell: '0',
    action: 'HOLD',
    warmingUp: ['macd'],
  },
  {
    when: 'only the volume baseline is warming up',
    values: { ...TREND_UP, rsi: 25, volume_ratio: null },
    buy: '3.5',
    sell: '0',
    action: 'BUY',
    warmingUp: ['volume'],
  },
  {
    when: 'a component weighing 0 is warming up',
    values: { ...TREND_UP, volume_ratio: 2, rsi: null },
    settings: { weights: { ...DEFAULT_MATRIX_SETTINGS.weights, rsi: dec(0) } },
    buy: '3',
    sell: '0',
    action: 'BUY',
  },
];

describe('scoreSignals', () => {
  it.each(rows)('when $when then buy $buy, sell $sell, $action', (row) => {
    const snapshot: IndicatorSnapshot = {
      candleTimeMs: 0,
      close: row.close ?? 100,
      candleCount: 100,
      values: { ...NEUTRAL, ...row.values },
    };
    const score = scoreSignals(snapshot, { ...DEFAULT_MATRIX_SETTINGS, ...row.settings });
    expect(score.buyScore.toString()).toBe(row.buy);
    expect(score.sellScore.toString()).toBe(row.sell);
    expect(score.action).toBe(row.action);
    expect(score.warmingUp).toEqual(row.warmingUp ?? []);
  });
});
