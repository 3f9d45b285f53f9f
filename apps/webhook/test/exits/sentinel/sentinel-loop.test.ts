import { heartbeatKey } from '@hookline/runtime';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../../test/support/eventually.js';
import { RecordingExits, useSentinelHarness } from '../sentinel-harness.js';

const BTC = 'BTC/USD';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('the sentinel loop: one sweep at a time, one leader per account, a heartbeat per sweep', () => {
  const harness = useSentinelHarness();

  it('when a sweep is slower than the interval then the ticks that find it running are skipped and sweeps never overlap', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    const exits = new RecordingExits();
    let running = 0;
    let mostAtOnce = 0;
    exits.onAdvance = async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await sleep(150);
      running -= 1;
    };
    const sentinel = await h.sentinel({ exits, settings: { loop: { intervalMs: 30, leaseTtlMs: 5_000 } } });

    sentinel.start();
    // Until three sweeps ran (however loaded the machine), each long enough for several ticks.
    await eventually(async () => exits.advances >= 3 || undefined, { what: 'three sweeps' });
    await sentinel.stop();

    expect(mostAtOnce).toBe(1);
    expect(exits.advances).toBeGreaterThanOrEqual(3);
    expect(sentinel.loop.skippedTicks).toBeGreaterThan(exits.advances);
    expect(running).toBe(0); // stop() waited for the sweep that was running
  });

  it('when a sweep outlasts the lease TTL then the skipped ticks renew the lease and no other replica leads beside it', async () => {
    const h = await harness();
    const loop = { intervalMs: 50, leaseTtlMs: 200 };
    const slowExits = new RecordingExits();
    let release: () => void = () => {};
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    slowExits.onAdvance = () => stuck; // the first sweep runs for 5 lease TTLs
    const otherExits = new RecordingExits();
    const slow = await h.sentinel({ exits: slowExits, settings: { loop } });
    const other = await h.sentinel({ exits: otherExits, settings: { loop } });

    slow.start();
    await eventually(async () => slowExits.advances > 0 || undefined);
    other.start();
    await sleep(1_000);
    const otherSweepsDuring = otherExits.advances;
    await other.stop();
    release();
    await slow.stop();

    expect(otherSweepsDuring).toBe(0);
    expect(slow.loop.skippedTicks).toBeGreaterThan(5);
  });

  it('when two sentinels run on one account then only the lease holder sweeps, and the other takes over when it stops', async () => {
    const h = await harness();
    const loop = { intervalMs: 40, leaseTtlMs: 5_000 };
    const firstExits = new RecordingExits();
    const secondExits = new RecordingExits();
    const first = await h.sentinel({ exits: firstExits, settings: { loop } });
    const second = await h.sentinel({ exits: secondExits, settings: { loop } });

    first.start();
    await eventually(async () => firstExits.advances > 0 || undefined);
    second.start();
    await sleep(400);

    expect(firstExits.advances).toBeGreaterThan(3);
    expect(secondExits.advances).toBe(0);
    expect(second.loop.isLeader).toBe(false);

    await first.stop(); // releases the lease
    await eventually(async () => secondExits.advances > 0 || undefined, 5_000);
    expect(second.loop.isLeader).toBe(true);
  });

  it('when a sweep completes then the heartbeat is written for three intervals, and readiness goes red once the loop stalls', async () => {
    const h = await harness();
    const sentinel = await h.sentinel({ exits: new RecordingExits() });
    const heartbeat = sentinel.readiness.find((check) => check.name === `heartbeat:${h.heartbeatService}`);
    expect(heartbeat?.critical).toBe(true);
    expect((await heartbeat?.run())?.ok).toBe(false); // nothing swept yet

    await sentinel.sweepOnce();

    const key = heartbeatKey(h.heartbeatService, h.account);
    expect(await h.redis.get(key)).toBe(h.venue.clock.now().toISOString());
    const ttl = await h.redis.pttl(key);
    expect(ttl).toBeGreaterThan(8_000);
    expect(ttl).toBeLessThanOrEqual(9_000);
    expect((await heartbeat?.run())?.ok).toBe(true);

    h.advance(9_001); // three intervals without a sweep: stalled
    expect(await heartbeat?.run()).toMatchObject({ ok: false });
  });

  it('when the loop stops then its heartbeat expires on its own', async () => {
    const h = await harness();
    const sentinel = await h.sentinel({
      exits: new RecordingExits(),
      settings: { loop: { intervalMs: 100, leaseTtlMs: 5_000 } },
    });
    sentinel.start();
    const key = heartbeatKey(h.heartbeatService, h.account);
    await eventually(async () => (await h.redis.get(key)) ?? undefined);
    await sentinel.stop();

    await eventually(async () => (await h.redis.exists(key)) === 0, 2_000);
    const heartbeat = sentinel.readiness.find((check) => check.name === `heartbeat:${h.heartbeatService}`);
    expect(await heartbeat?.run()).toEqual({ ok: false, detail: `no heartbeat from ${h.heartbeatService}` });
  });

  it('when a sweep fails then no heartbeat is written', async () => {
    const h = await harness();
    const exits = new RecordingExits();
    exits.activeExitSymbols = async () => {
      throw new Error('database gone');
    };
    const sentinel = await h.sentinel({ exits });

    expect(await sentinel.sweepOnce()).toBeUndefined();
    expect(await h.redis.exists(heartbeatKey(h.heartbeatService, h.account))).toBe(0);
  });
});
