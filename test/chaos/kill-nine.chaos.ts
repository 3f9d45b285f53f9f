import { describe, expect, it } from 'vitest';
import { useChaosSystem } from './support/chaos-system.js';

describe('chaos: kill -9 of the webhook in mid-flow', () => {
  const system = useChaosSystem('kill-nine');

  it('when the webhook is killed with SIGKILL under load and restarted then every accepted alert is processed once', async () => {
    const { webhook, load } = system();
    const traffic = load.steady(4, 40);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const killedAtMs = Date.now();
    const exit = await webhook.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await webhook.start();
    const faultEndedAtMs = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await traffic.stop();

    const summary = await system().finish({
      faultEndedAtMs,
      timeoutMs: 90_000,
      problems:
        exit.signal === 'SIGKILL' ? [] : [`the webhook was not killed by SIGKILL: ${JSON.stringify(exit)}`],
      details: { downMs: faultEndedAtMs - killedAtMs },
    });
    expect(summary.problems).toEqual([]);
  });
});
