// `ledger sync` from the local Kraken (real HTTP, signed private calls, ccxt fetchMyTrades over
// TradesHistory) into a real PostgreSQL ledger: the same loop and write path as Coinbase's, with
// Kraken's pair names (XXBTZUSD → BTC/USD) and fee in the quote.
import { SystemClock } from '@hookline/core';
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import { CcxtExchange } from '@hookline/exchange';
import { storeOf } from '@hookline/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import {
  type KrakenTestServer,
  startKrakenServer,
} from '../../../test/support/venues/kraken-server/kraken-server.js';
import { syncFillHistory } from '../src/ledger-sync/fill-sync.js';

const start = new Date('2026-03-01T00:00:00Z');

describe('ledger sync from the local Kraken', () => {
  let server: KrakenTestServer;
  const opened: Array<{ database: Database; test: TestDatabase }> = [];
  beforeAll(async () => {
    server = await startKrakenServer();
  });
  afterAll(async () => {
    await server.close();
    for (const { database, test } of opened) {
      await database.close();
      await test.drop();
    }
  });

  it('when the Kraken history holds buys and a sell then each is recorded once, allocated FIFO, and a second run adds nothing', async () => {
    const trades = [
      { side: 'buy', qty: '0.02', price: '60000', fee: '1.2' },
      { side: 'buy', qty: '0.01', price: '61000', fee: '0.6' },
      { side: 'sell', qty: '0.025', price: '62000', fee: '1.55' },
    ] as const;
    for (const [index, trade] of trades.entries())
      server.fill(
        { orderId: `O-${index + 1}`, ...trade, time: new Date(start.getTime() + index * 3_600_000) },
        { silently: true },
      );
    const test = await createTestDatabase('ledger_sync_kraken');
    const location = { databaseUrl: test.url, dataDir: '/nonexistent-not-used' };
    await migrateDatabase(location);
    const database = await openDatabase(location);
    opened.push({ database, test });
    const exchange = new CcxtExchange({
      venue: 'kraken',
      clock: new SystemClock(),
      apiKey: server.key.key,
      secret: server.key.secret,
      urls: { rest: server.restUrl },
      retry: { maxRetries: 1, backoff: { initialMs: 5, maxMs: 5, jitter: 0 } },
    });
    try {
      const context = { store: storeOf(database), exchange, clock: new SystemClock(), ledger: {} };
      const request = { account: 'live', symbol: undefined, since: start, restart: false, pageSize: 50 };
      const first = await syncFillHistory(context, request);
      expect(first).toMatchObject({ fetched: 3, inserted: 3, duplicates: 0, failure: undefined });
      const fills = await database.prisma.fill.findMany({ orderBy: { executedAt: 'asc' } });
      expect(
        fills.map((fill) => [
          fill.exchange,
          fill.symbol,
          fill.side,
          fill.size.toString(),
          fill.feeUsd?.toString(),
        ]),
      ).toEqual([
        ['kraken', 'BTC/USD', 'BUY', '0.02', '1.2'],
        ['kraken', 'BTC/USD', 'BUY', '0.01', '0.6'],
        ['kraken', 'BTC/USD', 'SELL', '0.025', '1.55'],
      ]);
      const allocations = await database.prisma.fifoAllocation.findMany({ orderBy: { sliceIndex: 'asc' } });
      expect(allocations.map((row) => [row.allocatedSize.toString(), row.buyPrice.toString()])).toEqual([
        ['0.02', '60000'],
        ['0.005', '61000'],
      ]);
      const second = await syncFillHistory(context, { ...request, since: undefined });
      expect(second).toMatchObject({ inserted: 0, failure: undefined });
      expect(await database.prisma.fill.count()).toBe(3);
    } finally {
      await exchange.close();
    }
  }, 120_000);
});
