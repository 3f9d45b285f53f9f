// The lock of an embedded database, on real processes: a running holder refuses a second opener with
// its details, a dead one (or a reused pid) is taken over, and one process shares its own lock.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/client.js';
import { EmbeddedDatabaseInUseError } from '../src/lock/embedded-database-in-use-error.js';
import {
  embeddedDatabaseHolder,
  embeddedDatabaseLockPath,
  lockEmbeddedDatabase,
} from '../src/lock/embedded-database-lock.js';
import { tempDir } from './support/temp-dir.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A real process that keeps running (a stand-in holder: only its pid matters). */
function runningProcess(): ChildProcess {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

async function deadPid(): Promise<number> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return child.pid as number;
}

const lockModule = fileURLToPath(new URL('../src/lock/embedded-database-lock.ts', import.meta.url));

/** A real process that takes the lock of `dataDir`, says so, and runs until a signal. */
function lockingProcess(dataDir: string): Promise<ChildProcess> {
  const script = `import { lockEmbeddedDatabase } from ${JSON.stringify(lockModule)};
lockEmbeddedDatabase(${JSON.stringify(dataDir)}); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the locking process exited with ${code}`)));
  });
}

function writeLock(dataDir: string, holder: Record<string, unknown>): void {
  writeFileSync(embeddedDatabaseLockPath(dataDir), `${JSON.stringify(holder)}\n`);
}

describe('the embedded database lock', () => {
  it('when a running process holds the lock then a second opener is refused at once, naming pid, command and since', async () => {
    const dataDir = await tempDir();
    const holder = runningProcess();
    writeLock(dataDir, {
      pid: holder.pid,
      command: 'hookline start',
      since: '2026-01-02T03:04:05.000Z',
      host: hostname(),
    });
    const started = performance.now();
    const refusal = (() => {
      try {
        lockEmbeddedDatabase(dataDir);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(refusal).toBeInstanceOf(EmbeddedDatabaseInUseError);
    const message = (refusal as Error).message;
    expect(message).toContain(`pid ${holder.pid} (hookline start, since 2026-01-02T03:04:05.000Z)`);
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('\n');
    expect(embeddedDatabaseHolder(dataDir)?.pid).toBe(holder.pid);
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
  });

  it('when the lock was taken on another host (a shared volume) then it is refused even if the pid is free here', async () => {
    const dataDir = await tempDir();
    writeLock(dataDir, {
      pid: await deadPid(),
      command: 'hookline start',
      since: '2026-01-02T03:04:05.000Z',
      host: 'other-box',
    });

    expect(() => lockEmbeddedDatabase(dataDir)).toThrow(
      `on host other-box (hookline start, since 2026-01-02T03:04:05.000Z) (another machine or container: if it no longer runs there, delete ${embeddedDatabaseLockPath(dataDir)})`,
    );
  });

  it.each([
    ['its pid is no longer running', async () => ({ pid: await deadPid() })],
    [
      'its pid now belongs to another process (reused)',
      async () => ({ pid: runningProcess().pid, startTicks: '1' }),
    ],
    ['it is not a lock file at all', async () => ({ garbage: true })],
  ])('when the lock was left and %s then it is taken over with a notice', async (_case, lockOf) => {
    const dataDir = await tempDir();
    writeLock(dataDir, { command: 'hookline start', since: '2026-01-02T03:04:05.000Z', ...(await lockOf()) });
    const notices: string[] = [];
    const release = lockEmbeddedDatabase(dataDir, (line) => notices.push(line));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('taking it over');
    expect(JSON.parse(readFileSync(embeddedDatabaseLockPath(dataDir), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    release();
    expect(existsSync(embeddedDatabaseLockPath(dataDir))).toBe(false);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'when a process holding the lock gets %s (nothing else handles it) then the lock goes and the process dies of it',
    async (signal) => {
      const dataDir = await tempDir();
      const holder = await lockingProcess(dataDir);
      expect(embeddedDatabaseHolder(dataDir)?.pid).toBe(holder.pid);
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        holder.once('exit', (_code, by) => resolve(by)),
      );
      holder.kill(signal);
      expect(await exited).toBe(signal);
      expect(existsSync(embeddedDatabaseLockPath(dataDir))).toBe(false);
    },
    30_000,
  );

  it('when one process takes its lock twice (migrate, then serve) then both share it, which goes with the last close', async () => {
    const dataDir = await tempDir();
    const first = lockEmbeddedDatabase(dataDir);
    const second = lockEmbeddedDatabase(dataDir);
    const lock = JSON.parse(readFileSync(embeddedDatabaseLockPath(dataDir), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid });
    expect(typeof lock.command).toBe('string');
    expect(Number.isNaN(Date.parse(lock.since))).toBe(false);
    first();
    expect(existsSync(embeddedDatabaseLockPath(dataDir))).toBe(true);
    second();
    second(); // a second release of the same handle changes nothing
    expect(existsSync(embeddedDatabaseLockPath(dataDir))).toBe(false);
  });
});
