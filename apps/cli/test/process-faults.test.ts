// The real CLI (`start webhook`) with a real fault injected through `node --import` (a test-only
// module, never loaded by the product): an unhandled rejection or an uncaught exception is logged
// (pino, fatal) and ends the process with exit 70; a database outage that escaped its handler is
// logged and the process keeps serving. No private redis-server outlives the CLI, whatever the exit:
// a fault, SIGTERM or `kill -9`.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@hookline/runtime';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { eventually } from '../../../test/support/eventually.js';
import { cleanEnvironment, logLines, repositoryRoot, runCli, waitForHttpOk } from './support/run-cli.js';

const fault = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/faults/${name}.ts`, import.meta.url));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('process faults of `hookline start`', () => {
  let database: TestDatabase;
  const directories: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('faults');
    const migrated = await runCli(['db', 'migrate'], cleanEnvironment({ DATABASE_URL: database.url }));
    expect(migrated.code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await database.drop();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  /** `start webhook` on the test database; a private redis-server unless `redis` is given. */
  async function startWebhook(options: { preload?: string; redis?: boolean } = {}) {
    const port = await findFreePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'hookline-faults-'));
    directories.push(dataDir);
    const env = cleanEnvironment({
      DATABASE_URL: database.url,
      PORT: String(port),
      DATA_DIR: dataDir,
      ...(options.redis ? { REDIS_URL: inject('redisUrl') } : {}),
    });
    const preload = options.preload === undefined ? [] : ['--import', options.preload];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', ...preload, 'apps/cli/src/main.ts', 'start', 'webhook'],
      {
        cwd: repositoryRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
    }
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, port, exit, output: () => output, lines: () => logLines(output) };
  }

  async function redisPidOf(
    lines: () => Array<Record<string, unknown>>,
    child: ChildProcess,
  ): Promise<number> {
    return await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error('the CLI exited before starting its private Redis');
        const pid = lines().find((line) => line.msg === 'private redis-server started')?.pid;
        return typeof pid === 'number' ? pid : undefined;
      },
      { timeoutMs: 60_000, what: 'the private redis-server pid' },
    );
  }

  it.each([
    ['unhandled-rejection', 'unhandledRejection', 'injected fault: a promise nobody awaited'],
    ['uncaught-exception', 'uncaughtException', 'injected fault: thrown in a timer'],
  ])(
    'when %s happens in a running service then it is logged fatal and the exit is 70, and its private Redis is gone',
    async (name, origin, message) => {
      const cli = await startWebhook({ preload: fault(name) });
      const redisPid = await redisPidOf(cli.lines, cli.child);

      expect(await cli.exit).toBe(70);

      const fatal = cli.lines().find((line) => line.level === 60);
      expect(fatal, cli.output()).toMatchObject({ origin, err: { message } });
      expect(String(fatal?.msg)).toContain(`${origin}: the process stops (exit 70)`);
      await eventually(async () => !isAlive(redisPid), { timeoutMs: 8_000, what: 'redis-server gone' });
    },
    90_000,
  );

  it('when a database outage escapes its handler then it is logged and the service keeps serving until SIGTERM', async () => {
    const cli = await startWebhook({ preload: fault('database-outage-rejection'), redis: true });
    await eventually(
      async () => cli.lines().some((line) => String(line.msg).includes('outage escaped its handler')),
      { timeoutMs: 60_000, what: 'the outage logged' },
    );

    await waitForHttpOk(`http://127.0.0.1:${cli.port}/healthz`, 5_000, cli.child);
    cli.child.kill('SIGTERM');

    expect(await cli.exit).toBe(0);
    expect(cli.lines().find((line) => String(line.msg).includes('outage escaped'))).toMatchObject({
      level: 50,
      origin: 'unhandledRejection',
      err: { message: 'connect ECONNREFUSED 127.0.0.1:5432' },
    });
    expect(cli.lines().some((line) => line.level === 60)).toBe(false);
  }, 90_000);

  it('when the CLI is killed (SIGKILL) while serving then its private redis-server is gone within seconds', async () => {
    const cli = await startWebhook();
    const redisPid = await redisPidOf(cli.lines, cli.child);
    await waitForHttpOk(`http://127.0.0.1:${cli.port}/healthz`, 60_000, cli.child);
    expect(isAlive(redisPid)).toBe(true);

    cli.child.kill('SIGKILL');
    await cli.exit;

    await eventually(async () => !isAlive(redisPid), { timeoutMs: 8_000, what: 'redis-server gone' });
  }, 90_000);

  it('when SIGTERM arrives while the CLI is still starting then its private redis-server is gone within seconds', async () => {
    const cli = await startWebhook();
    const redisPid = await redisPidOf(cli.lines, cli.child);

    cli.child.kill('SIGTERM'); // before the services run: no drain has been set up yet
    await cli.exit;

    expect(cli.lines().some((line) => line.msg === 'hookline started')).toBe(false);
    await eventually(async () => !isAlive(redisPid), { timeoutMs: 8_000, what: 'redis-server gone' });
  }, 90_000);
});
