import { describe, expect, it, vi } from 'vitest';
import { CandleFeed } from '../../src/market-data/candle-feed.js';
import { MINUTE, minutesOf, ScriptedMarket, START_MS } from './scripted-market.js';

function quietLogger() {
  return { info: vi.fn(), warn: vi.fn() };
}

function feedOver(
  market: ScriptedMarket,
  options: { capacity?: number; port?: ReturnType<ScriptedMarket['port']> } = {},
) {
  const logger = quietLogger();
  const feed = new CandleFeed({
    exchange: options.port ?? market.port(),
    symbol: 'BTC/USD',
    timeframe: '1m',
    capacity: options.capacity ?? 50,
    clock: market.clock,
    logger,
  });
  return { feed, logger };
}

describe('candle feed: cold start and incremental polls on the paper exchange', () => {
  it('when the history loads then it keeps only the closed candles, oldest first', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 5 * MINUTE + 30_000); // minute 5 is still forming at 12:05:30
    const { feed } = feedOver(market);

    const update = await feed.load();

    expect(update.reloaded).toBe(true);
    expect(minutesOf(update.added)).toEqual([0, 1, 2, 3, 4]);
    expect(minutesOf(feed.candles())).toEqual([0, 1, 2, 3, 4]);
  });

  it('when polled before the next candle closes then no request is made and nothing is added', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 5 * MINUTE + 30_000);
    const { feed } = feedOver(market);
    await feed.load();
    market.calls.length = 0;

    market.walk(5 * MINUTE + 40_000, 5 * MINUTE + 50_000, 70_000);
    const update = await feed.poll();

    expect(update.added).toEqual([]);
    expect(market.calls).toEqual([]);
  });

  it('when a candle closes then the poll asks only for candles since the newest kept one', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 5 * MINUTE + 30_000);
    const { feed } = feedOver(market);
    await feed.load();
    market.calls.length = 0;

    market.walk(5 * MINUTE + 40_000, 6 * MINUTE + 10_000, 70_000);
    const update = await feed.poll();

    expect(market.calls).toEqual([{ symbol: 'BTC/USD', since: START_MS + 5 * MINUTE, limit: 1 }]);
    expect(minutesOf(update.added)).toEqual([5]);
    // Minute 5 was open at the cold start (close 60033 then); the kept candle is the closed one, with
    // its final close (the 12:05:50 quote), not a copy of the forming one.
    expect(update.added[0]?.close.toString()).toBe('70001');
    expect(update.added[0]?.open.toString()).toBe('60030');
  });

  it('when the exchange repeats candles already kept then they are ignored', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 3 * MINUTE + 5_000);
    // A venue that ignores `since` and always answers its whole recent history.
    const port = market.port((candles) => candles);
    const ignoresSince = {
      fetchCandles: async (...args: Parameters<typeof port.fetchCandles>) =>
        port.fetchCandles(args[0], args[1], { limit: 100 }),
    };
    const { feed } = feedOver(market, { port: ignoresSince });
    await feed.load();

    market.walk(3 * MINUTE + 15_000, 5 * MINUTE + 5_000, 61_000);
    const first = await feed.poll();
    const second = await feed.poll();

    expect(minutesOf(first.added)).toEqual([3, 4]);
    expect(second.added).toEqual([]);
    expect(minutesOf(feed.candles())).toEqual([0, 1, 2, 3, 4]);
  });

  it('when a response leaves a hole between two candles then the hole is fetched once and filled', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 2 * MINUTE + 5_000);
    let dropped = false;
    // The venue's first answer after the cold start lacks minute 3 (published late).
    const port = market.port((candles) => {
      if (dropped || !candles.some((candle) => candle.openTime.getTime() === START_MS + 4 * MINUTE))
        return candles;
      dropped = true;
      return candles.filter((candle) => candle.openTime.getTime() !== START_MS + 3 * MINUTE);
    });
    const { feed, logger } = feedOver(market, { port });
    await feed.load();
    market.calls.length = 0;

    market.walk(2 * MINUTE + 15_000, 6 * MINUTE + 5_000, 61_000);
    const update = await feed.poll();

    expect(minutesOf(update.added)).toEqual([2, 3, 4, 5]);
    expect(market.calls.map((call) => (call.since ?? 0) - START_MS)).toEqual([2 * MINUTE, 3 * MINUTE]);
    expect(market.calls[1]?.limit).toBe(1);
    expect(feed.knownMissing()).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ filled: 1 }), 'candle gap filled');
  });

  it('when the exchange has no candle for a minute then it is recorded as known-missing, logged, and not asked for again', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 2 * MINUTE + 5_000);
    const { feed, logger } = feedOver(market);
    await feed.load();
    market.calls.length = 0;

    market.walk(2 * MINUTE + 15_000, 2 * MINUTE + 50_000, 61_000);
    market.walk(4 * MINUTE + 10_000, 5 * MINUTE + 5_000, 62_000); // no quote at all in minute 3
    const update = await feed.poll();
    market.walk(5 * MINUTE + 15_000, 6 * MINUTE + 5_000, 63_000);
    const later = await feed.poll();

    expect(minutesOf(update.added)).toEqual([2, 4]);
    expect(feed.knownMissing()).toEqual([START_MS + 3 * MINUTE]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[0]).toMatchObject({ missing: 1, from: '2025-01-02T12:03:00.000Z' });
    // First poll: the range, then the hole once. Second poll: only the new candle.
    expect(market.calls.map((call) => ((call.since ?? 0) - START_MS) / MINUTE)).toEqual([2, 3, 5]);
    expect(minutesOf(later.added)).toEqual([5]);
  });

  it('when many candles have closed then memory holds only the last `capacity` of them', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 1 * MINUTE + 5_000);
    const { feed } = feedOver(market, { capacity: 3 });
    await feed.load();

    for (let minute = 1; minute < 8; minute += 1) {
      market.walk(minute * MINUTE + 15_000, (minute + 1) * MINUTE + 5_000, 60_000 + minute * 10);
      await feed.poll();
    }

    expect(minutesOf(feed.candles())).toEqual([5, 6, 7]);
  });

  it('when the feed fell further behind than it keeps then it reloads the history instead of crawling', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 1 * MINUTE + 5_000);
    const { feed, logger } = feedOver(market, { capacity: 3 });
    await feed.load();

    market.walk(1 * MINUTE + 15_000, 10 * MINUTE + 5_000, 61_000);
    const update = await feed.poll();

    expect(update.reloaded).toBe(true);
    expect(minutesOf(update.added)).toEqual([7, 8, 9]);
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ behind: 9 }), expect.any(String));
  });
});
