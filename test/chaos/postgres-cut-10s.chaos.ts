import { describe, expect, it } from 'vitest';
import { useChaosSystem } from './support/chaos-system.js';
import { outageUnderLoad } from './support/outage.js';

describe('chaos: PostgreSQL cut off for 10 s under load', () => {
  const system = useChaosSystem('postgres-cut-10s');

  it('when the network to PostgreSQL is cut for 10 s under load and restored then every accepted alert is processed once', async () => {
    const { postgres } = system();
    const outage = await outageUnderLoad(system(), {
      durationMs: 10_000,
      begin: () => postgres.cut(),
      end: () => postgres.restore(),
    });
    const summary = await system().finish({
      faultEndedAtMs: outage.faultEndedAtMs,
      timeoutMs: 90_000,
      details: outage.details,
    });
    expect(summary.problems).toEqual([]);
  });
});
