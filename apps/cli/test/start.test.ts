import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/databases.js';
import { cleanEnvironment, logLines, runCli, spawnCli, waitForHttpOk } from './support/run-cli.js';

const temporaryDirectories: string[] = [];
afterEach(() => {
  for (const directory of temporaryDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function freshDataDir(): string {
  const directory = mkdtempSync(join(tmpdir(), 'hookline-start-'));
  temporaryDirectories.push(directory);
  return directory;
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('pnpm hookline start', () => {
  it('when only the passphrase is configured then both services run in paper mode on PGlite and a private Redis, and SIGTERM exits 0', async () => {
    const port = await findFreePort();
    const { child, output } = spawnCli(
      ['start'],
      // A passphrase: without one the webhook is not ready (it would refuse every alert).
      cleanEnvironment({
        DATA_DIR: freshDataDir(),
        PORT: String(port),
        WEBHOOK_PASSPHRASE: 'start-test-passphrase',
      }),
    );
    const health = await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, 60_000, child);
    expect(await health.json()).toEqual({ status: 'ok', services: ['webhook', 'sighook'], mode: 'paper' });
    const ready = await waitForHttpOk(`http://127.0.0.1:${port}/readyz`, 10_000, child);
    expect(await ready.json()).toMatchObject({
      ready: true,
      checks: { database: { detail: { kind: 'pglite' } } },
    });

    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);

    const lines = logLines(output());
    const messages = lines.map((line) => line.msg);
    expect(lines.find((line) => line.msg === 'webhook started')).toMatchObject({
      mode: 'paper',
      database: 'pglite',
    });
    expect(lines.find((line) => line.msg === 'sighook started')).toMatchObject({ mode: 'paper' });
    const intake = messages.indexOf('webhook stopping: closing HTTP intake');
    expect(intake).toBeGreaterThan(messages.indexOf('shutting down: stopping intake, draining, closing'));
    expect(messages.indexOf('shutdown complete')).toBeGreaterThan(intake);
    const redisPort = lines.find((line) => line.msg === 'private redis-server started')?.port;
    expect(typeof redisPort).toBe('number');
    expect(await portIsClosed(redisPort as number)).toBe(true);
    expect(await portIsClosed(port)).toBe(true);
  }, 90_000);

  it('when Ctrl-C signals the whole process group then the private Redis outlives the drain and the exit is 0', async () => {
    const port = await findFreePort();
    const { child, output } = spawnCli(
      ['start'],
      // A passphrase: without one the webhook is not ready (it would refuse every alert).
      cleanEnvironment({
        DATA_DIR: freshDataDir(),
        PORT: String(port),
        WEBHOOK_PASSPHRASE: 'start-test-passphrase',
      }),
      { ownProcessGroup: true },
    );
    await waitForHttpOk(`http://127.0.0.1:${port}/readyz`, 60_000, child);

    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    process.kill(-(child.pid as number), 'SIGINT'); // what a terminal does on Ctrl-C

    expect(await exit).toBe(0);
    const messages = logLines(output()).map((line) => line.msg);
    expect(messages).toContain('shutdown complete');
    expect(messages).not.toContain('shutdown did not finish in time');
    expect(messages).not.toContain('redis connection error');
  }, 90_000);

  it('when sighook runs alone on a server database then it serves its own health endpoint', async () => {
    const database = await createTestDatabase('start');
    const migrated = await runCli(['db', 'migrate'], cleanEnvironment({ DATABASE_URL: database.url }));
    expect(migrated.code).toBe(0);
    const healthPort = await findFreePort();
    const { child } = spawnCli(
      ['start', 'sighook'],
      cleanEnvironment({
        DATABASE_URL: database.url,
        REDIS_URL: inject('redisUrl'),
        HOOKLINE_SIGHOOK_PORT: String(healthPort),
        DATA_DIR: freshDataDir(),
      }),
    );
    const health = await waitForHttpOk(`http://127.0.0.1:${healthPort}/healthz`, 30_000, child);
    expect(await health.json()).toMatchObject({ services: ['sighook'] });
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    await database.drop();
  }, 60_000);

  it('when the configuration is invalid then every problem is printed and nothing starts', async () => {
    const result = await runCli(['start'], cleanEnvironment({ PORT: 'eighty', HOOKLINE_LOG_LEVLE: 'debug' }));
    expect(result.code).toBe(78);
    expect(result.output).toContain('PORT: expected a whole number, got "eighty"');
    expect(result.output).toContain('HOOKLINE_LOG_LEVLE: unknown key (did you mean HOOKLINE_LOG_LEVEL?)');
  });

  it('when the service name is unknown then the usage is printed', async () => {
    const result = await runCli(['start', 'everything'], cleanEnvironment({}));
    expect(result.code).toBe(2);
    expect(result.output).toContain('unknown service "everything": expected both, webhook or sighook');
  });
});
