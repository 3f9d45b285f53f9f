// `pnpm hookline ledger sync` as a user runs it: the real CLI process against the local Coinbase and
// a real PostgreSQL; the summary, resuming after an exchange error, and bad input (exit 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../test/support/venues/coinbase-server/coinbase-server.js';
import { cleanEnvironment, runCli } from './support/run-cli.js';
import { historyFills, seedHistory } from './support/sync-fixtures.js';

describe('pnpm hookline ledger sync', () => {
  let server: CoinbaseTestServer;
  let database: TestDatabase;
  let environment: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startCoinbaseServer();
    database = await createTestDatabase('ledger_sync_cli');
    environment = cleanEnvironment({
      DATABASE_URL: database.url,
      EXCHANGE_API_KEY: server.apiKey.name,
      EXCHANGE_API_SECRET: server.apiKey.privateKeyPem,
      EXCHANGE_REST_URL: server.restUrl,
    });
    expect((await runCli(['db', 'migrate'], environment)).code).toBe(0);
    seedHistory(server, historyFills(new Date('2026-03-01T00:00:00Z')));
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  const sync = ['ledger', 'sync', '--exchange', 'coinbase', '--page-size', '3'];

  it('when the venue refuses page 2 then page 1 is kept, the error and the resume point are printed, exit 1', async () => {
    server.faults.inject('fetchFillsSince', { kind: 'html', status: 400, afterProcessing: false }, 1, 1);
    const result = await runCli([...sync, '--since', '2026-03-01'], environment);
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'ledger sync live on coinbase: 1 page(s) read, 3 fill(s) fetched, 3 inserted, 0 already present',
    );
    expect(result.output).toContain('ledger sync stopped by an error (committed pages are kept)');
    expect(result.output).toContain('run it again to resume after trade trade-3 of 2026-03-01T02:00:00.000Z');
  }, 120_000);

  it('when run again then it continues after the committed page, and a third run adds nothing', async () => {
    const resumed = await runCli(sync, environment);
    expect(resumed.code).toBe(0);
    expect(resumed.output).toContain('2 page(s) read, 4 fill(s) fetched, 4 inserted, 0 already present');
    expect(resumed.output).toContain('next sync resumes after trade trade-7 of 2026-03-01T06:00:00.000Z');
    const again = await runCli([...sync, '--since', '2026-03-01'], environment);
    expect(again.output).toContain('1 page(s) read, 0 fill(s) fetched, 0 inserted, 0 already present');
    expect(again.output).toContain('--since ignored');
    const verify = await runCli(['ledger', 'verify'], environment);
    expect(verify.code).toBe(0);
  }, 120_000);

  const badInput: ReadonlyArray<{
    what: string;
    args: string[];
    env?: Record<string, string>;
    says: string;
  }> = [
    {
      what: 'an unknown exchange',
      args: ['--exchange', 'mtgox', '--since', '2026-03-01'],
      says: '--exchange must be one of coinbase, kraken, binance (got mtgox)',
    },
    {
      what: 'a bad date',
      args: ['--exchange', 'coinbase', '--since', '2026-02-30'],
      says: '--since must be a date like 2024-01-31',
    },
    {
      what: 'no keys',
      args: ['--exchange', 'coinbase', '--since', '2026-03-01'],
      env: { EXCHANGE_API_KEY: '', EXCHANGE_API_SECRET: '' },
      says: 'ledger sync needs the coinbase API keys: set EXCHANGE_API_KEY and EXCHANGE_API_SECRET',
    },
    {
      what: 'no --since and no stored position',
      args: ['--exchange', 'kraken'],
      says: 'no stored position for live on kraken: give --since',
    },
  ];
  it.each(badInput)(
    'when given $what then it says so and exits 2',
    async ({ args, env, says }) => {
      const before = server.requests.length;
      const result = await runCli(['ledger', 'sync', ...args], { ...environment, ...env });
      expect(result.code).toBe(2);
      expect(result.output).toContain(says);
      expect(server.requests.length).toBe(before);
    },
    60_000,
  );
});
