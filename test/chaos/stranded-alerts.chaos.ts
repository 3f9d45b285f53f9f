import { describe, expect, it } from 'vitest';
import { readSettlement } from './support/chaos-checks.js';
import { useChaosSystem } from './support/chaos-system.js';
import { sleep } from './support/outage.js';

/** More than one sweep's worth (the sweeper takes 100 at a time), so paging through them is proven. */
const STRANDED = 150;

describe('chaos: more than 100 stranded ACCEPTED alerts, then a crash', () => {
  const system = useChaosSystem('stranded-alerts');

  it('when 150 alerts are accepted with Redis down and the webhook is killed twice then every one is processed once', async () => {
    const { webhook, redis, load, db } = system();
    // Redis down: each alert is stored and answered 202, its hand-off to the queue waits for Redis...
    await redis.stop();
    const burst = await load.burst(STRANDED, 8);
    const strandedIds = burst.flatMap((answer) =>
      answer.status === 202 && answer.alertId ? [answer.alertId] : [],
    );
    // ...and dies with the process: nothing but the database knows about these alerts any more.
    await webhook.kill('SIGKILL');
    const stranded = await readSettlement(db, strandedIds);
    await redis.start();
    await webhook.start();

    // A new crash while the service works off the backlog (and new load arrives).
    const traffic = load.steady(2, 100);
    await sleep(3_000);
    await webhook.kill('SIGKILL');
    await sleep(500);
    await webhook.start();
    const faultEndedAtMs = Date.now();
    await sleep(2_000);
    await traffic.stop();

    const summary = await system().finish({
      faultEndedAtMs,
      timeoutMs: 150_000,
      problems:
        stranded.stillAccepted > 100
          ? []
          : [
              `only ${stranded.stillAccepted} alert(s) were stranded ACCEPTED (${STRANDED} sent with Redis down)`,
            ],
      details: { strandedAccepted: stranded.stillAccepted },
    });
    expect(summary.problems).toEqual([]);
  });
});
