import { TestClock } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { defaultPaperMarkets, PaperExchange } from '../../src/index.js';

const start = Date.UTC(2026, 0, 5, 12, 0, 30);
const venue = (historyMinutes: number, seed = 3) =>
  new PaperExchange({ clock: new TestClock(start), seed, historyMinutes });

describe('paper candle history at a cold start', () => {
  it('when a new paper account asks for history then it gets closed minute candles ending at the initial price', async () => {
    const candles = await venue(300).fetchCandles('BTC/USD', '1m', { limit: 1_000 });
    const history = candles.filter((candle) => candle.openTime.getTime() < Date.UTC(2026, 0, 5, 12, 0));

    expect(history).toHaveLength(300);
    expect(history[0]?.openTime.toISOString()).toBe('2026-01-05T07:00:00.000Z');
    expect(history.at(-1)?.close.toString()).toBe(defaultPaperMarkets[0]?.walk.initialPrice.toString());
    for (const [index, candle] of history.entries()) {
      if (index > 0)
        expect(candle.openTime.getTime() - (history[index - 1]?.openTime.getTime() ?? 0)).toBe(60_000);
      expect(
        candle.high.greaterThanOrEqualTo(candle.open) && candle.high.greaterThanOrEqualTo(candle.close),
      ).toBe(true);
      expect(candle.low.lessThanOrEqualTo(candle.open) && candle.low.lessThanOrEqualTo(candle.close)).toBe(
        true,
      );
      expect(candle.volume.greaterThanOrEqualTo(0)).toBe(true);
    }
  });

  it('when two venues share a seed then their histories are identical, and another seed differs', async () => {
    const closes = async (seed: number) =>
      (await venue(120, seed).fetchCandles('ETH/USD', '5m', { limit: 100 })).map((c) => c.close.toString());

    expect(await closes(3)).toEqual(await closes(3));
    expect(await closes(3)).not.toEqual(await closes(4));
  });

  it('when no history is asked for then a new venue has no candles before its start', async () => {
    const candles = await venue(0).fetchCandles('BTC/USD', '1m', { limit: 1_000 });

    expect(candles.every((candle) => candle.openTime.getTime() >= Date.UTC(2026, 0, 5, 12, 0))).toBe(true);
  });
});
