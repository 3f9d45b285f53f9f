import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { startWatched } from './child-watchdog.js';
import { findExecutable } from './find-executable.js';
import { findFreePort } from './free-port.js';

/** A redis-server child process owned by this process (the embedded default and the test suite). */
export interface LocalRedis {
  readonly url: string;
  readonly port: number;
  /** The redis-server's pid. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Raised when no redis-server binary exists; the message names the fix. */
export class RedisServerNotFoundError extends Error {
  constructor() {
    super(
      'redis-server was not found on PATH. Install it (Debian: `apt-get install -y redis-server`) ' +
        'or point REDIS_URL at a running Redis.',
    );
    this.name = 'RedisServerNotFoundError';
  }
}

/**
 * Starts a private, non-persistent redis-server on a free loopback port and waits until it answers PING.
 * The server never outlives us: it runs under a watchdog (child-watchdog.ts) that stops it as soon as
 * this process is gone, whatever the exit path (a signal, an exit without stop(), `kill -9`). It does
 * not receive the terminal's Ctrl-C itself (own process group), so a graceful stop can still use it.
 */
export async function startLocalRedis(
  options: { port?: number; startTimeoutMs?: number; binary?: string } = {},
): Promise<LocalRedis> {
  const binary =
    options.binary ?? findExecutable('redis-server', ['/usr/bin', '/usr/local/bin', '/usr/sbin']);
  if (!binary || !existsSync(binary)) throw new RedisServerNotFoundError();
  const port = options.port ?? (await findFreePort());
  const server = await startWatched({
    command: [
      binary,
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
    ],
  });
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitForPing(url, server.watchdog, options.startTimeoutMs ?? 10_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url, port, pid: server.pid, stop: () => server.stop() };
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited with ${child.exitCode}: ${stderr.trim()}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {}); // refused connections are expected until the server is up
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not answer PING within ${timeoutMs} ms: ${stderr.trim()}`);
}
