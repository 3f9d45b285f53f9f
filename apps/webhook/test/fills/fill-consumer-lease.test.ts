import { randomBytes } from 'node:crypto';
import { dec } from '@hookline/core';
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import type { Fill } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { eventually } from '../../../../test/support/eventually.js';
import { FillConsumer } from '../../src/fills/fill-consumer.js';
import { RedisFillCursorStore } from '../../src/fills/fill-cursor-store.js';
import { FillRecorder } from '../../src/fills/fill-recorder.js';
import { RedisLease } from '../../src/leases/redis-lease.js';
import { PaperVenue, SYMBOL } from '../support/trading-harness.js';

// Long enough that an event-loop stall on a loaded machine does not lose the holder its lease.
const LEASE_TTL_MS = 2_000;

describe('one fill consumer per account across replicas', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let redis: Redis;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase('fill_lease');
    const location = { databaseUrl: testDatabase.url, dataDir: '/nonexistent-not-used' };
    await migrateDatabase(location);
    database = await openDatabase(location);
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  afterAll(async () => {
    await redis?.quit();
    await database?.close();
    await testDatabase?.drop();
  });

  it('when two consumers share a prefix and account then only the lease holder records fills, and the other takes over and backfills after it stops', async () => {
    const venue = new PaperVenue();
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const logger = createLogger({ level: 'silent', service: 'test' });
    const consumer = (name: string) => {
      const recorder = new FillRecorder({
        store: storeOf(database.prisma),
        clock: venue.clock,
        account: 'default',
        exchange: venue.exchange.name,
        ledger: {},
      });
      const recorded: Array<{ tradeId: string; via: string }> = [];
      const counting = {
        record: (fills: readonly Fill[], via: 'WEBSOCKET' | 'REST') => {
          recorded.push(...fills.map((fill) => ({ tradeId: fill.tradeId, via })));
          return recorder.record(fills, via);
        },
      } as unknown as FillRecorder;
      const fills = new FillConsumer({
        store: storeOf(database.prisma),
        exchange: venue.exchange,
        recorder: counting,
        cursor: new RedisFillCursorStore(redis, 'default', venue.exchange.name, prefix),
        logger: logger.child({ name }),
        backfillIntervalMs: 0,
        lease: new RedisLease(redis, `${prefix}:fills:lease:default:paper`, LEASE_TTL_MS),
        leaseRetryMs: LEASE_TTL_MS / 3,
      });
      stops.push(() => fills.stop());
      return { fills, recorded };
    };
    const buy = async (clientOrderId: string) => {
      await venue.exchange.createOrder({
        type: 'MARKET',
        clientOrderId,
        symbol: SYMBOL,
        side: 'buy',
        amount: dec('0.001'),
      });
      venue.exchange.tick();
    };

    const first = consumer('first');
    first.fills.start();
    await first.fills.idle();
    const second = consumer('second');
    second.fills.start();
    await second.fills.idle();
    expect(first.fills.isConsuming()).toBe(true);
    expect(second.fills.isConsuming()).toBe(false);

    await buy('lease-1');
    await eventually(async () => (await database.prisma.fill.count()) === 1);
    // Several lease periods: the holder renews, the other keeps trying and keeps failing.
    await new Promise((resolve) => setTimeout(resolve, LEASE_TTL_MS * 2));
    await first.fills.idle();
    expect(first.recorded.filter((entry) => entry.via === 'WEBSOCKET')).toHaveLength(1);
    expect(second.recorded).toEqual([]);
    expect(second.fills.isConsuming()).toBe(false);

    // The holder stops (releasing the lease); a fill happens before the other notices.
    await first.fills.stop();
    await buy('lease-2');
    await eventually(async () => second.fills.isConsuming() || undefined, 5_000);
    const fill = await eventually(async () => {
      const fills = await database.prisma.fill.findMany({ orderBy: { executedAt: 'asc' } });
      return fills.length === 2 ? fills[1] : undefined;
    });
    expect(fill?.ingestVia).toBe('REST');
    expect(second.recorded.map((entry) => entry.via)).toContain('REST');
    expect(second.recorded.some((entry) => entry.tradeId === fill?.tradeId)).toBe(true);
    expect(await database.prisma.fill.count()).toBe(2);
  });
});
