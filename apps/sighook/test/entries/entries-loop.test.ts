import { dec } from '@hookline/core';
import { jobQueuePrefixOf } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import { Queue } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { CandleFeed } from '../../src/market-data/candle-feed.js';
import { DEFAULT_MATRIX_SETTINGS, type MatrixSettings } from '../../src/matrix/matrix-settings.js';
import { MatrixPublisher } from '../../src/publish/matrix-publisher.js';
import { SignalLoop } from '../../src/publish/signal-loop.js';
import { SymbolSignals } from '../../src/publish/symbol-signals.js';
import { MINUTE, ScriptedMarket } from '../market-data/scripted-market.js';
import { useSighookInfrastructure } from '../service/sighook-database.js';
import { entriesFor, WEBHOOK_ALERT_QUEUE } from './entry-fixtures.js';

// On a market that only rises, trend components (MACD, EMA cross, ROC) vote BUY; RSI and Bollinger,
// which call such a market overbought, weigh nothing here, so every row is a BUY.
const alwaysBuy: MatrixSettings = {
  ...DEFAULT_MATRIX_SETTINGS,
  weights: { ...DEFAULT_MATRIX_SETTINGS.weights, rsi: dec(0), bollinger: dec(0) },
  buyThreshold: dec(1),
};

describe('sighook entries through the poll loop', () => {
  const infrastructure = useSighookInfrastructure('sighook_entries_loop');

  function loopOver(market: ScriptedMarket) {
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const feed = new CandleFeed({
      exchange: market.port(),
      symbol: 'BTC/USD',
      timeframe: '1m',
      capacity: 300,
      clock: market.clock,
      logger,
    });
    const publisher = new MatrixPublisher({
      store: storeOf(infrastructure.database()),
      redis: infrastructure.redis(),
      prefix: infrastructure.prefix(),
    });
    const { entries } = entriesFor(infrastructure, market.clock);
    const symbols = [new SymbolSignals(feed, alwaysBuy, market.clock)];
    return new SignalLoop({ symbols, publisher, entries, clock: market.clock, logger });
  }

  it('when the matrix says BUY on every poll then an entry is emitted once per candle, not once per poll, and once across a restart', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 60 * MINUTE + 5_000);
    const { prisma } = infrastructure.database();

    const coldStart = await loopOver(market).pollOnce();
    market.walk(60 * MINUTE + 15_000, 60 * MINUTE + 45_000, 60_400);
    const loop = loopOver(market);
    const restartedSameCandle = await loop.pollOnce();
    const noNewCandle = await loop.pollOnce();

    expect(coldStart.entries.get('BTC/USD')).toMatchObject({ kind: 'EMITTED' });
    expect(restartedSameCandle.entries.get('BTC/USD')).toMatchObject({ kind: 'ALREADY_EMITTED' });
    expect(noNewCandle).toMatchObject({ rows: 0, entries: new Map() });
    expect(await prisma.alert.count()).toBe(1);
    expect(await prisma.signalMatrix.count()).toBe(1);
    const queue = new Queue(WEBHOOK_ALERT_QUEUE, {
      connection: infrastructure.redis(),
      prefix: jobQueuePrefixOf('default', infrastructure.prefix()),
    });
    infrastructure.onCleanup(() => queue.close());
    expect(await queue.getJobCounts('wait')).toEqual({ wait: 1 });

    // The webhook decides the first entry (no order: say the risk gate blocked it); the next candle may enter.
    await prisma.alert.updateMany({ data: { status: 'PROCESSED' } });
    market.walk(60 * MINUTE + 55_000, 61 * MINUTE + 5_000, 60_500);
    const nextCandle = await loop.pollOnce();

    expect(nextCandle.rows).toBe(1);
    expect(nextCandle.entries.get('BTC/USD')).toMatchObject({ kind: 'EMITTED' });
    expect(await prisma.alert.count()).toBe(2);
    expect(await queue.getJobCounts('wait')).toEqual({ wait: 2 });
  });
});
