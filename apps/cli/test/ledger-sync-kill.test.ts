// A `ledger sync` process killed (SIGKILL) while a page is in flight, then started again, ends with
// exactly the ledger of one uninterrupted run: the real CLI process, the local Coinbase, PostgreSQL.
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { eventually } from '../../../test/support/eventually.js';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../test/support/venues/coinbase-server/coinbase-server.js';
import { cleanEnvironment, runCli, spawnCli } from './support/run-cli.js';
import { historyFills, ledgerPicture, seedHistory } from './support/sync-fixtures.js';

describe('a killed ledger sync, started again', () => {
  let server: CoinbaseTestServer;
  const databases: Array<{ test: TestDatabase; database: Database }> = [];
  beforeAll(async () => {
    server = await startCoinbaseServer();
    seedHistory(server, historyFills(new Date('2026-03-01T00:00:00Z')));
  });
  afterAll(async () => {
    await server.close();
    for (const { test, database } of databases) {
      await database.close();
      await test.drop();
    }
  });

  async function migrated(): Promise<{ url: string; database: Database }> {
    const test = await createTestDatabase('ledger_sync_kill');
    const location = { databaseUrl: test.url, dataDir: '/nonexistent-not-used' };
    await migrateDatabase(location);
    const database = await openDatabase(location);
    databases.push({ test, database });
    return { url: test.url, database };
  }

  function environmentOf(url: string): NodeJS.ProcessEnv {
    return cleanEnvironment({
      DATABASE_URL: url,
      EXCHANGE_API_KEY: server.apiKey.name,
      EXCHANGE_API_SECRET: server.apiKey.privateKeyPem,
      EXCHANGE_REST_URL: server.restUrl,
    });
  }

  const sync = ['ledger', 'sync', '--exchange', 'coinbase', '--page-size', '2', '--since', '2026-03-01'];
  const fillReads = () => server.requests.filter((request) => request.operation === 'fetchFillsSince').length;

  it('when killed while page 3 is in flight then the next run completes with the ledger of a clean run', async () => {
    const clean = await migrated();
    expect((await runCli(sync, environmentOf(clean.url))).code).toBe(0);

    const killed = await migrated();
    const before = fillReads();
    server.faults.inject('fetchFillsSince', { kind: 'slow', delayMs: 60_000, afterProcessing: true }, 1, 2);
    const { child } = spawnCli(sync, environmentOf(killed.url));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await eventually(async () => fillReads() === before + 3, { timeoutMs: 60_000, what: 'page 3 in flight' });
    const stored = await killed.database.prisma.ledgerSyncCursor.findFirst();
    expect(stored?.lastTradeId).toBe('trade-4');
    child.kill('SIGKILL');
    await exited;
    server.faults.clear();
    expect(await killed.database.prisma.fill.count()).toBe(4);

    const resumed = await runCli(sync.slice(0, -2), environmentOf(killed.url));
    expect(resumed.code).toBe(0);
    expect(resumed.output).toContain('3 fill(s) fetched, 3 inserted, 0 already present');
    expect(await ledgerPicture(killed.database)).toEqual(await ledgerPicture(clean.database));
  }, 120_000);
});
