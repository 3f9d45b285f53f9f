import { jobIdOf, jobQueuePrefixOf, queueNameOf } from '@hookline/schemas';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readSettlement } from './support/chaos-checks.js';
import { useChaosSystem } from './support/chaos-system.js';
import { sleep } from './support/outage.js';

describe('chaos: SIGTERM under load', () => {
  const system = useChaosSystem('sigterm');

  it('when the webhook gets SIGTERM under load then it exits 0 with every accepted alert processed', async () => {
    const { webhook, load, db } = system();
    const traffic = load.steady(4, 50);
    await sleep(5_000);
    const signalledAtMs = Date.now();
    webhook.signal('SIGTERM');
    const exit = await webhook.exited();
    const exitedAtMs = Date.now();
    await traffic.stop();
    const atExit = await readSettlement(db, load.acceptedAlertIds());
    const unqueued = await notQueued(system().redis.url, await acceptedAlertIds(db, load.acceptedAlertIds()));
    const lateAccepts = load
      .answers()
      .filter((answer) => answer.status === 202 && answer.answeredAtMs > exitedAtMs).length;

    const problems = [
      ...(exit.code === 0 ? [] : [`the webhook exited with ${JSON.stringify(exit)} instead of code 0`]),
      // The drain finishes running jobs; the rest must wait in the queue (persisted in Redis) for the
      // next start, not only in the database for the sweeper to find.
      ...(unqueued.length === 0
        ? []
        : [
            `${unqueued.length} alert(s) answered 202 were neither processed nor queued when the webhook exited`,
          ]),
      ...(lateAccepts === 0 ? [] : [`${lateAccepts} alert(s) were answered 202 after the exit`]),
    ];
    // Started again, the rest (if any) must still be processed once.
    await webhook.start();
    const summary = await system().finish({
      faultEndedAtMs: exitedAtMs,
      timeoutMs: 90_000,
      problems,
      details: {
        exit,
        drainMs: exitedAtMs - signalledAtMs,
        processedAtExit: atExit.processed,
        queuedAtExit: atExit.stillAccepted - unqueued.length,
      },
    });
    expect(summary.problems).toEqual([]);
  });
});

/** Of these alerts, the ones still ACCEPTED. */
async function acceptedAlertIds(db: pg.Pool, alertIds: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM alerts WHERE status = 'ACCEPTED' AND id = ANY($1::text[])`,
    [[...alertIds]],
  );
  return rows.map((row) => row.id);
}

/** Of these alerts, the ones without an alert.process job in Redis (BullMQ's job hash). */
async function notQueued(redisUrl: string, alertIds: readonly string[]): Promise<string[]> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const missing: string[] = [];
    for (const id of alertIds) {
      if (
        (await redis.exists(
          // The chaos system trades `paper` (MODE paper, HOOKLINE_ACCOUNT unset): its queues are that account's.
          `${jobQueuePrefixOf('paper')}:${queueNameOf('alert.process')}:${jobIdOf('alert.process', { alertId: id })}`,
        )) === 0
      )
        missing.push(id);
    }
    return missing;
  } finally {
    redis.disconnect();
  }
}
