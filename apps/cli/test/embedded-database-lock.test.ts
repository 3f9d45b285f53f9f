// One owner per embedded database, with real processes: while `pnpm hookline start` holds DATA_DIR's
// embedded database, a second CLI process is refused at once naming the holder (or, for `signals`,
// is answered by the running server), `start webhook` alone is refused before anything opens, and a
// lock left by a SIGKILLed process is taken over. Also: the webhook is not ready without a passphrase.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, runCli, spawnCli, waitForHttpOk } from './support/run-cli.js';

const READ_TOKEN = 'lock-test-read-token';
const directories: string[] = [];
const children: ChildProcess[] = [];

function freshDataDir(): string {
  const directory = mkdtempSync(join(tmpdir(), 'hookline-lock-'));
  directories.push(directory);
  return directory;
}

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

async function timed(args: readonly string[], env: NodeJS.ProcessEnv) {
  const started = performance.now();
  const result = await runCli(args, env);
  return { ...result, ms: performance.now() - started };
}

/** One line, exit 1, naming the holder and what to do; no stack trace, no WASM abort. */
function expectRefusalNamingHolder(result: { code: number | null; output: string }, holderPid: number) {
  expect(result.code).toBe(1);
  const lines = result.output.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    new RegExp(
      `^hookline: the embedded database in .+ is in use by pid ${holderPid} \\(hookline start, since \\d{4}-`,
    ),
  );
  expect(lines[0]).toContain(
    'Stop that process first, or run every process on a PostgreSQL server (DATABASE_URL)',
  );
  expect(result.output).not.toContain('Aborted');
}

describe('pnpm hookline while `start` holds the embedded database', () => {
  const dataDir = freshDataDir();
  let port = 0;
  let server: ChildProcess;
  const env = () => cleanEnvironment({ DATA_DIR: dataDir, PORT: String(port), READ_TOKEN });

  beforeAll(async () => {
    port = await findFreePort();
    // No WEBHOOK_PASSPHRASE: the service runs and is alive, but not ready.
    // A process group of its own: SIGKILL then reaches its private redis-server too.
    server = spawnCli(['start'], env(), { ownProcessGroup: true }).child;
    children.push(server);
    await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, 90_000, server);
  }, 120_000);

  it('when WEBHOOK_PASSPHRASE is empty then /healthz answers 200 and /readyz 503 naming the passphrase', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'not_ready',
      ready: false,
      checks: { passphrase: { ok: false, detail: expect.stringContaining('WEBHOOK_PASSPHRASE is not set') } },
    });
  });

  it('when a second process opens the database then it fails within a second of starting, naming the holder', async () => {
    // The same command with a broken configuration loads the same code and stops before the database:
    // the refusal may take at most a second more than that. Both run at once, under the same load.
    const [baseline, refused] = await Promise.all([
      timed(['ledger', 'verify'], cleanEnvironment({ DATA_DIR: dataDir, PORT: 'eighty' })),
      timed(['ledger', 'verify'], env()),
    ]);
    expect(baseline.code).toBe(78);
    expectRefusalNamingHolder(refused, server.pid as number);
    expect(refused.ms - baseline.ms).toBeLessThan(1_000);
  }, 60_000);

  it.each(['tax report --year 2025', 'db migrate', 'ledger recompute'])(
    'when `%s` runs then it says plainly who holds the database and what to do',
    async (command) => {
      expectRefusalNamingHolder(await runCli(command.split(' '), env()), server.pid as number);
    },
    60_000,
  );

  it('when `signals` runs with the read token then the running server answers the matrix', async () => {
    const result = await runCli(['signals', '--json'], env());
    expect(result.output).not.toContain('in use');
    if (result.code === 0) {
      const rows = JSON.parse(result.output.slice(result.output.indexOf('['))) as Array<{ symbol: string }>;
      expect(rows.length).toBeGreaterThan(0);
    } else {
      expect(result.output).toContain('no usable matrix row in the running server');
    }
  }, 60_000);

  it('when `signals` runs without a token then it says plainly how to read the matrix', async () => {
    const result = await runCli(['signals'], cleanEnvironment({ DATA_DIR: dataDir, PORT: String(port) }));
    expect(result.code).toBe(1);
    expect(result.output).toContain(`is in use by pid ${server.pid} (hookline start`);
    expect(result.output).toContain('answered 401');
    expect(result.output).toContain('Set READ_TOKEN');
    expect(result.output).not.toContain('    at ');
  }, 60_000);

  it('when `start webhook` runs on the embedded database then it is refused before anything opens', async () => {
    const result = await runCli(['start', 'webhook'], cleanEnvironment({ DATA_DIR: freshDataDir() }));
    expect(result.code).toBe(1);
    expect(result.output).toContain('the embedded database (DATA_DIR, no DATABASE_URL) serves one process');
    expect(result.output).toContain('use `start` (webhook and sighook in one process), or set DATABASE_URL');
    expect(result.output).not.toContain('private redis-server started');
    expect(result.output).not.toContain('embedded database migrated');
  }, 60_000);

  it('when `start sighook` runs next to the running server then it is refused without touching its lock', async () => {
    const result = await runCli(['start', 'sighook'], env());
    expect(result.code).toBe(1);
    expect(result.output).toContain('`start sighook` runs sighook as a process of its own');
    const lock = JSON.parse(readFileSync(join(dataDir, 'pglite.lock'), 'utf8'));
    expect(lock.pid).toBe(server.pid);
  }, 60_000);

  // Last: it kills the server.
  it('when the holder is SIGKILLed then the next command takes the lock over with a notice and runs', async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    process.kill(-(server.pid as number), 'SIGKILL');
    await exited;
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(true);

    const result = await runCli(['ledger', 'verify'], env());
    expect(result.output).toContain(
      `the embedded database lock of pid ${server.pid} (hookline start, since `,
    );
    expect(result.output).toContain('was left by a process that is no longer running: taking it over');
    expect(result.code).toBe(0);
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
  }, 60_000);
});
