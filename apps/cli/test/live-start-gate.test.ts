// A live start prints the banner on stderr and is refused (exit 1, nothing opened, no order) until the
// operator confirms; confirmed, it starts against the local Coinbase (real HTTP and WebSocket).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../test/support/venues/coinbase-server/coinbase-server.js';
import { cleanEnvironment, runCli, spawnCli, waitForHttpOk } from './support/run-cli.js';

describe('a live start: banner and explicit confirmation', () => {
  let server: CoinbaseTestServer;
  let database: TestDatabase;
  const directories: string[] = [];
  // The webhook alone runs on a server database (the embedded one serves `start` of both only).
  beforeAll(async () => {
    server = await startCoinbaseServer({ heartbeatIntervalMs: 200 });
    database = await createTestDatabase('live_start_gate');
    const migrated = await runCli(['db', 'migrate'], cleanEnvironment({ DATABASE_URL: database.url }));
    expect(migrated.code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.drop();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  function liveEnvironment(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
    const dataDir = mkdtempSync(join(tmpdir(), 'hookline-live-'));
    directories.push(dataDir);
    return cleanEnvironment({
      MODE: 'live',
      EXCHANGE: 'coinbase',
      EXCHANGE_API_KEY: server.apiKey.name,
      EXCHANGE_API_SECRET: server.apiKey.privateKeyPem,
      EXCHANGE_REST_URL: server.restUrl,
      EXCHANGE_WS_URL: server.wsUrl,
      EXCHANGE_WS_USER_URL: server.wsUserUrl,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      HOOKLINE_ENTRY_SIZE_USD: '25',
      ...overrides,
    });
  }

  it('when MODE=live is started without confirmation then it exits 1 with the banner and how to confirm, and the venue saw no request', async () => {
    const before = server.requests.length;
    const result = await runCli(['start', 'webhook'], liveEnvironment());

    expect(result.code).toBe(1);
    expect(result.output).toContain('LIVE TRADING');
    expect(result.output).toContain('coinbase (REAL ACCOUNT)');
    expect(result.output).toContain('entry size 25 USD');
    expect(result.output).toContain('soft 2.5 %, hard 5 %');
    expect(result.output).toContain('HOOKLINE_LIVE_CONFIRMED=yes');
    expect(result.output).toContain('--confirm-live');
    expect(result.output).not.toContain(server.apiKey.privateKeyPem.split('\n')[1]);
    expect(result.output).not.toContain('private redis-server started');
    expect(server.requests.length).toBe(before);
  }, 60_000);

  const confirmations: ReadonlyArray<{ how: string; args: string[]; env: Record<string, string> }> = [
    { how: 'HOOKLINE_LIVE_CONFIRMED=yes', args: [], env: { HOOKLINE_LIVE_CONFIRMED: 'yes' } },
    { how: '--confirm-live', args: ['--confirm-live'], env: {} },
  ];
  it.each(confirmations)(
    'when MODE=live is confirmed with $how then the banner is printed and the service starts on the venue',
    async ({ args, env }) => {
      const port = await findFreePort();
      const { child, output } = spawnCli(
        ['start', 'webhook', ...args],
        liveEnvironment({ PORT: String(port), ...env }),
      );
      try {
        const health = await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, 60_000, child);
        expect(await health.json()).toMatchObject({ status: 'ok', mode: 'live' });
        expect(output()).toContain('LIVE TRADING');
      } finally {
        const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        expect(await exit).toBe(0);
      }
    },
    90_000,
  );
});
