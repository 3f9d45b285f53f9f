import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisLease } from '../../src/leases/redis-lease.js';

// The term says how long what a holder kept stays true: only while no other holder can have held the
// lease. A renewal continues the term; a lease taken anew (after it expired or another holder had it)
// starts a new one; not holding it has none.
describe('the term of a Redis lease', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await redis.quit();
  });
  const key = () => `test:lease-term:${randomBytes(6).toString('hex')}`;

  it('when a holder takes the lease and renews it then the term stays the same', async () => {
    const lease = new RedisLease(redis, key(), 10_000);
    expect(lease.term).toBeUndefined();
    expect(await lease.acquire()).toBe(true);
    const first = lease.term;
    expect(await lease.acquire()).toBe(true);
    expect(await lease.renew()).toBe(true);

    expect(first).toBeDefined();
    expect(lease.term).toBe(first);
  });

  it('when another holder held the lease in between then taking it again starts a new term', async () => {
    const name = key();
    const ours = new RedisLease(redis, name, 10_000);
    const theirs = new RedisLease(redis, name, 10_000);
    await ours.acquire();
    const first = ours.term;
    await redis.del(name); // our holding lapsed
    expect(await theirs.acquire()).toBe(true);
    expect(await ours.acquire()).toBe(false);
    expect(ours.term).toBeUndefined();
    await theirs.release();

    expect(await ours.acquire()).toBe(true);
    expect(ours.term).toBeDefined();
    expect(ours.term).not.toBe(first);
  });

  it('when the holder releases the lease then it has no term', async () => {
    const lease = new RedisLease(redis, key(), 10_000);
    await lease.acquire();
    await lease.release();

    expect(lease.term).toBeUndefined();
  });
});
