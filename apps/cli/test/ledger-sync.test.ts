// `ledger sync`'s loop against the local Coinbase (real HTTP, JWTs, ccxt fetchMyTrades with the
// venue's cursor) into a real PostgreSQL ledger: paging, resuming, duplicates, an exchange error.
import { dec, SystemClock } from '@hookline/core';
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import { CcxtExchange } from '@hookline/exchange';
import { recordExchangeFills, storeOf } from '@hookline/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../test/support/venues/coinbase-server/coinbase-server.js';
import { type FillSyncRequest, syncFillHistory } from '../src/ledger-sync/fill-sync.js';
import { historyFills, ledgerPicture, seedHistory } from './support/sync-fixtures.js';

const start = new Date('2026-03-01T00:00:00Z');
const request: FillSyncRequest = {
  account: 'live',
  symbol: undefined,
  since: start,
  restart: false,
  pageSize: 2,
};

describe('ledger sync from the local Coinbase', () => {
  let server: CoinbaseTestServer;
  const opened: Array<{ database: Database; test: TestDatabase }> = [];
  beforeAll(async () => {
    server = await startCoinbaseServer();
  });
  afterEach(() => server.faults.clear());
  afterAll(async () => {
    await server.close();
    for (const { database, test } of opened) {
      await database.close();
      await test.drop();
    }
  });

  async function freshDatabase(): Promise<Database> {
    const test = await createTestDatabase('ledger_sync');
    const location = { databaseUrl: test.url, dataDir: '/nonexistent-not-used' };
    await migrateDatabase(location);
    const database = await openDatabase(location);
    opened.push({ database, test });
    return database;
  }

  function contextOf(database: Database) {
    const exchange = new CcxtExchange({
      venue: 'coinbase',
      clock: new SystemClock(),
      apiKey: server.apiKey.name,
      secret: server.apiKey.privateKeyPem,
      urls: { rest: server.restUrl },
      retry: { maxRetries: 1, backoff: { initialMs: 5, maxMs: 5, jitter: 0 } },
    });
    return { store: storeOf(database), exchange, clock: new SystemClock(), ledger: {} };
  }

  it('when the history spans several pages then every fill is recorded once and a second run adds nothing', async () => {
    seedHistory(server, historyFills(start));
    const database = await freshDatabase();
    const first = await syncFillHistory(contextOf(database), request);
    expect(first).toMatchObject({ pages: 4, fetched: 7, inserted: 7, duplicates: 0, failure: undefined });
    expect(first.resumesAt).toMatchObject({ lastTradeId: 'trade-7' });
    expect(await database.prisma.fill.count({ where: { ingestVia: 'REST' } })).toBe(7);
    expect(await database.prisma.fifoAllocation.count()).toBeGreaterThan(0);

    const second = await syncFillHistory(contextOf(database), { ...request, since: undefined });
    expect(second).toMatchObject({ pages: 1, fetched: 0, inserted: 0, duplicates: 0, sinceIgnored: false });
    expect(second.resumesAt).toMatchObject({ lastTradeId: 'trade-7' });
  }, 60_000);

  it('when the exchange fails on page 2 then page 1 stays and the next run ends with the ledger of a clean run', async () => {
    seedHistory(server, historyFills(start));
    const clean = await freshDatabase();
    await syncFillHistory(contextOf(clean), request);

    const interrupted = await freshDatabase();
    server.faults.inject('fetchFillsSince', { kind: 'json500', afterProcessing: false }, 10, 1);
    const broken = await syncFillHistory(contextOf(interrupted), request);
    expect(broken).toMatchObject({ pages: 1, fetched: 2, inserted: 2 });
    expect(broken.failure).toBeDefined();
    expect(broken.resumesAt).toMatchObject({ lastTradeId: 'trade-2' });
    expect(await interrupted.prisma.fill.count()).toBe(2);

    server.faults.clear();
    const resumed = await syncFillHistory(contextOf(interrupted), { ...request, since: undefined });
    expect(resumed).toMatchObject({ fetched: 5, inserted: 5, duplicates: 0, failure: undefined });
    expect(await ledgerPicture(interrupted)).toEqual(await ledgerPicture(clean));
  }, 60_000);

  it('when some fills are already in the ledger then they count as duplicates, not new rows', async () => {
    const fills = historyFills(start);
    seedHistory(server, fills);
    const database = await freshDatabase();
    const store = storeOf(database);
    const receivedAt = new Date();
    const present = fills.slice(1, 3).map((fill) => ({
      account: 'live',
      exchange: 'coinbase',
      tradeId: fill.tradeId,
      orderId: fill.orderId,
      symbol: fill.symbol,
      side: fill.side,
      price: fill.price,
      size: fill.amount,
      fee: fill.fee,
      feeCurrency: fill.feeCurrency,
      executedAt: fill.executedAt,
      receivedAt,
      ingestVia: 'IMPORT' as const,
    }));
    await recordExchangeFills(store, present, { unknownOrderOrigin: 'IMPORT' });

    const report = await syncFillHistory(contextOf(database), request);
    expect(report).toMatchObject({ fetched: 7, inserted: 5, duplicates: 2, failure: undefined });
    expect(await database.prisma.fill.count()).toBe(7);
    expect(await database.prisma.fill.count({ where: { ingestVia: 'IMPORT' } })).toBe(2);
  }, 60_000);

  it('when --restart is given then the stored position is ignored and the history is read again as duplicates', async () => {
    seedHistory(server, historyFills(start));
    const database = await freshDatabase();
    await syncFillHistory(contextOf(database), request);
    const again = await syncFillHistory(contextOf(database), { ...request, restart: true, pageSize: 1000 });
    expect(again).toMatchObject({ pages: 1, fetched: 7, inserted: 0, duplicates: 7, sinceIgnored: false });
  }, 60_000);

  it('when --symbols names markets then each is synced on its own position and other markets are left out', async () => {
    const fills = historyFills(start);
    const eth = fills
      .slice(0, 3)
      .map((fill) => ({ ...fill, tradeId: `eth-${fill.tradeId}`, symbol: 'ETH/USD' }));
    seedHistory(
      server,
      [...fills, ...eth].sort((a, b) => a.executedAt.getTime() - b.executedAt.getTime()),
    );
    const database = await freshDatabase();
    const report = await syncFillHistory(contextOf(database), { ...request, symbol: 'ETH/USD' });
    expect(report).toMatchObject({ key: { symbol: 'ETH/USD' }, fetched: 3, inserted: 3, failure: undefined });
    expect(await database.prisma.fill.count({ where: { symbol: 'BTC/USD' } })).toBe(0);
    const all = await syncFillHistory(contextOf(database), request);
    expect(all).toMatchObject({ key: { symbol: '*' }, fetched: 10, inserted: 7, duplicates: 3 });
  }, 60_000);

  it('when --since is after some fills then only the later ones are synced', async () => {
    seedHistory(server, historyFills(start));
    const database = await freshDatabase();
    const since = new Date(start.getTime() + 4 * 3_600_000);
    const report = await syncFillHistory(contextOf(database), { ...request, since });
    expect(report).toMatchObject({ fetched: 3, inserted: 3 });
    expect(
      dec(
        String((await database.prisma.fill.findFirst({ orderBy: { executedAt: 'asc' } }))?.price),
      ).toString(),
    ).toBe('60400');
  }, 60_000);
});
