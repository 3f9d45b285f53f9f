import { describe, expect, it } from 'vitest';
import { useChaosSystem } from './support/chaos-system.js';
import { outageUnderLoad } from './support/outage.js';

describe('chaos: kill -9 of the webhook in mid-flow', () => {
  const system = useChaosSystem('kill-nine');

  it('when the webhook is killed with SIGKILL under load and restarted then every accepted alert is processed once', async () => {
    const { webhook } = system();
    let killedBy: NodeJS.Signals | null = null;
    // The fault strikes right after a backlog of alerts was accepted: jobs are queued and running.
    const outage = await outageUnderLoad(system(), {
      durationMs: 1_000,
      begin: async () => {
        killedBy = (await webhook.kill('SIGKILL')).signal;
      },
      end: () => webhook.start(),
    });
    const summary = await system().finish({
      faultEndedAtMs: outage.faultEndedAtMs,
      timeoutMs: 90_000,
      problems: killedBy === 'SIGKILL' ? [] : [`the webhook was not killed by SIGKILL (${killedBy})`],
      details: outage.details,
    });
    expect(summary.problems).toEqual([]);
  });
});
