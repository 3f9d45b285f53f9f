// `MODE=live EXCHANGE=kraken` starts for real against the local Kraken: the webhook service comes up,
// the private stream subscribes with a token from the signed GetWebSocketsToken, and SIGTERM ends it
// with exit 0. Before, this start logged FATAL (streams "Coinbase only") and never finished.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { eventually } from '../../../test/support/eventually.js';
import {
  type KrakenTestServer,
  startKrakenServer,
} from '../../../test/support/venues/kraken-server/kraken-server.js';
import { cleanEnvironment, runCli, spawnCli, waitForHttpOk } from './support/run-cli.js';

describe('a confirmed live start on Kraken', () => {
  let server: KrakenTestServer;
  let dataDir: string;
  let database: TestDatabase;
  // The webhook alone runs on a server database (the embedded one serves `start` of both only).
  beforeAll(async () => {
    server = await startKrakenServer();
    dataDir = mkdtempSync(join(tmpdir(), 'hookline-live-kraken-'));
    database = await createTestDatabase('live_kraken_start');
    const migrated = await runCli(['db', 'migrate'], cleanEnvironment({ DATABASE_URL: database.url }));
    expect(migrated.code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when MODE=live EXCHANGE=kraken is confirmed then the service starts, subscribes to executions with a fresh token, and SIGTERM exits 0', async () => {
    const port = await findFreePort();
    const { child, output } = spawnCli(
      ['start', 'webhook', '--confirm-live'],
      cleanEnvironment({
        MODE: 'live',
        EXCHANGE: 'kraken',
        EXCHANGE_API_KEY: server.key.key,
        EXCHANGE_API_SECRET: server.key.secret,
        EXCHANGE_REST_URL: server.restUrl,
        EXCHANGE_WS_URL: server.wsAuthUrl,
        EXCHANGE_WS_USER_URL: server.wsAuthUrl,
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        PORT: String(port),
      }),
    );
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const health = await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, 150_000, child);
      expect(await health.json()).toMatchObject({ status: 'ok', mode: 'live' });
      await eventually(
        async () =>
          server.subscribes.some((subscribe) => subscribe.channel === 'executions') ? true : undefined,
        { timeoutMs: 30_000, what: 'the executions subscribe' },
      );
      expect(server.tokens).toContain(server.subscribes.find((s) => s.channel === 'executions')?.token);
      expect(output()).not.toContain('streams are not implemented');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit, output().slice(-2000)).toBe(0);
  }, 240_000);
});
