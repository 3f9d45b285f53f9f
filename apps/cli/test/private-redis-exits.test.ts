// The private redis-server never outlives `hookline start`, on the exit paths process-faults.test.ts
// does not cover: SIGINT and SIGTERM while serving (the drain path), and an error during start-up (the
// webhook port already taken, after Redis started). Real CLI, real redis-server, real signals.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { eventually } from '../../../test/support/eventually.js';
import { cleanEnvironment, logLines, runCli, spawnCli, waitForHttpOk } from './support/run-cli.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the private redis-server on every exit of `hookline start`', () => {
  const directories: string[] = [];
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('redis_exits');
    const migrated = await runCli(['db', 'migrate'], cleanEnvironment({ DATABASE_URL: database.url }));
    expect(migrated.code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await database.drop();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  function start(port: number) {
    const dataDir = mkdtempSync(join(tmpdir(), 'hookline-redis-exits-'));
    directories.push(dataDir);
    const cli = spawnCli(
      ['start', 'webhook'],
      cleanEnvironment({ DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: String(port) }),
    );
    const exit = new Promise<number | null>((resolve) => cli.child.once('exit', resolve));
    const redisPid = () =>
      eventually(
        async () => {
          const pid = logLines(cli.output()).find((line) => line.msg === 'private redis-server started')?.pid;
          return typeof pid === 'number' ? pid : undefined;
        },
        { timeoutMs: 120_000, what: 'the private redis-server pid' },
      );
    return { ...cli, exit, redisPid };
  }

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'when %s arrives while serving then the CLI drains, exits 0 and its private redis-server is gone',
    async (signal) => {
      const port = await findFreePort();
      const cli = start(port);
      const redisPid = await cli.redisPid();
      await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, 60_000, cli.child);
      expect(isAlive(redisPid)).toBe(true);

      cli.child.kill(signal);

      expect(await cli.exit).toBe(0);
      await eventually(async () => !isAlive(redisPid), { timeoutMs: 8_000, what: 'redis-server gone' });
    },
    180_000,
  );

  it('when start-up fails after Redis started (the webhook port is taken) then the CLI exits non-zero and its private redis-server is gone', async () => {
    const port = await findFreePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '0.0.0.0', () => resolve()));
    try {
      const cli = start(port);
      const redisPid = await cli.redisPid();

      const code = await cli.exit;

      expect(code, cli.output()).not.toBe(0);
      expect(cli.output()).toContain('EADDRINUSE');
      await eventually(async () => !isAlive(redisPid), { timeoutMs: 8_000, what: 'redis-server gone' });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, 180_000);
});
