// A redis-server the chaos tests can take down and bring back on the same port with its data: an
// append-only file fsynced at every write, so what Redis acknowledged before the outage is there after it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import { Redis } from 'ioredis';
import { exitOf, isRunning, trackChild } from './child-processes.js';

/** A redis-server on a fixed loopback port that survives stop() + start(). */
export interface RestartableRedis {
  readonly url: string;
  readonly port: number;
  /** Whether the server runs now. */
  isUp(): boolean;
  /** Kills the server at once (SIGKILL: a crash, not a shutdown); connections drop, new ones are refused. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory and waits until it answers PING. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  close(): Promise<void>;
}

/** Starts a persistent redis-server on a free port. */
export async function startRestartableRedis(): Promise<RestartableRedis> {
  const port = await findFreePort();
  const directory = mkdtempSync(join(tmpdir(), 'hookline-chaos-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    if (child && isRunning(child)) return;
    const started = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        directory,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--protected-mode',
        'yes',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    trackChild(started);
    child = started;
    await waitForPing(url, started);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running && isRunning(running)) {
      running.kill('SIGKILL');
      await exitOf(running);
    }
  };

  await start();
  return {
    url,
    port,
    isUp: () => child !== undefined && isRunning(child),
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(child)) throw new Error(`redis-server exited with ${child.exitCode}: ${stderr.trim()}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {}); // refused until the server listens
    try {
      await client.connect();
      // LOADING while the append-only file is read back: not up yet.
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on ${url} did not answer PING within ${timeoutMs} ms: ${stderr.trim()}`);
}
