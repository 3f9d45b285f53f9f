import { createConnection } from 'node:net';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisServerNotFoundError, startLocalRedis } from '../src/index.js';

function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startLocalRedis', () => {
  it('when started then a private server answers, and when stopped then its port is closed', async () => {
    const redis = await startLocalRedis();
    const client = new Redis(redis.url);
    expect(await client.set('k', 'v')).toBe('OK');
    client.disconnect();
    await redis.stop();
    expect(await portAcceptsConnections(redis.port)).toBe(false);
  });

  it('when no redis-server binary exists then the error names the fix', async () => {
    const attempt = startLocalRedis({ binary: '/nonexistent/redis-server' });
    await expect(attempt).rejects.toBeInstanceOf(RedisServerNotFoundError);
    await expect(attempt).rejects.toThrow(/apt-get install -y redis-server.*REDIS_URL/s);
  });
});
