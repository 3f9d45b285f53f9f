import { randomBytes } from 'node:crypto';
import { createLogger } from '@hookline/runtime';
import { storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import { FillConsumer } from '../../src/fills/fill-consumer.js';
import { RedisFillCursorStore } from '../../src/fills/fill-cursor-store.js';
import { FillRecorder } from '../../src/fills/fill-recorder.js';
import { exchangeCircuitCheck, fillStreamCheck } from '../../src/fills/fill-stream-readiness.js';
import { RedisLease } from '../../src/leases/redis-lease.js';
import { PaperVenue } from '../support/trading-harness.js';

describe('readiness of the fill stream and the exchange circuit', () => {
  const perFile = usePerFileDatabase('fill_stream_ready');
  let redis: Redis;
  beforeEach(() => {
    const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    redis = connection;
    // Registered first, so it runs last: stopping a consumer releases its lease through Redis.
    perFile.onCleanup(async () => {
      await connection.quit();
    });
  });

  function consumer(venue: PaperVenue, prefix: string): FillConsumer {
    const prisma = perFile.database().prisma;
    const fills = new FillConsumer({
      store: storeOf(prisma),
      exchange: venue.exchange,
      recorder: new FillRecorder({
        store: storeOf(prisma),
        clock: venue.clock,
        account: 'default',
        exchange: 'paper',
        ledger: {},
      }),
      cursor: new RedisFillCursorStore(redis, 'default', 'paper', prefix),
      logger: createLogger({ level: 'silent', service: 'test' }),
      backfillIntervalMs: 0,
      lease: new RedisLease(redis, `${prefix}:fills:lease`, 5_000),
      leaseRetryMs: 100,
    });
    perFile.onCleanup(() => fills.stop());
    return fills;
  }

  it('when the user stream drops then the check stays green through a reconnect window and turns red after 30 s', async () => {
    const venue = new PaperVenue();
    const fills = consumer(venue, `test-${randomBytes(6).toString('hex')}`);
    const check = fillStreamCheck(fills, venue.clock);
    fills.start();
    await eventually(async () => (fills.streamStatus().stream?.connected ? true : undefined));

    expect(await check.run()).toMatchObject({ ok: true, detail: { connectedForMs: 0 } });

    venue.exchange.faults.disconnectStream('user', 120_000);
    venue.quote('60000', '60000.01'); // the next delivery carries the disconnect
    await eventually(async () => (fills.streamStatus().stream?.connected === false ? true : undefined));
    // The drop was noted when it happened, a second before the quote that delivered it.
    expect(await check.run()).toMatchObject({ ok: true, detail: { disconnectedForMs: 1_000 } });

    venue.clock.advance(29_000);
    expect(await check.run()).toMatchObject({ ok: false, detail: { disconnectedForMs: 30_000 } });
    expect(check.critical).toBe(false);
  });

  it('when another replica holds the fill lease then this one reports that instead of a stream', async () => {
    const venue = new PaperVenue();
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const holder = consumer(venue, prefix);
    holder.start();
    await eventually(async () => (holder.isConsuming() ? true : undefined));
    const other = consumer(venue, prefix);
    other.start();

    const result = await fillStreamCheck(other, venue.clock).run();

    expect(result).toEqual({ ok: true, detail: 'another replica holds the fill lease and consumes' });
  });

  it('when the exchange has no circuit breaker (paper) then the circuit check is green and says HEALTHY', async () => {
    const venue = new PaperVenue();

    expect(await exchangeCircuitCheck(venue.exchange).run()).toEqual({
      ok: true,
      detail: { health: 'HEALTHY' },
    });
  });
});
