import { describe, expect, it } from 'vitest';
import { useChaosSystem } from './support/chaos-system.js';
import { outageUnderLoad } from './support/outage.js';

describe('chaos: Redis down for 10 s under load', () => {
  const system = useChaosSystem('redis-down-10s');

  it('when redis-server is killed for 10 s under load and comes back then every accepted alert is processed once', async () => {
    const { redis } = system();
    const outage = await outageUnderLoad(system(), {
      durationMs: 10_000,
      begin: () => redis.stop(),
      end: () => redis.start(),
    });
    const summary = await system().finish({
      faultEndedAtMs: outage.faultEndedAtMs,
      timeoutMs: 90_000,
      details: outage.details,
    });
    expect(summary.problems).toEqual([]);
  });
});
