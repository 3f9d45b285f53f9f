import { randomBytes } from 'node:crypto';
import { createLogger } from '@hookline/runtime';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import type { JobHandlers } from '../../src/jobs/job-catalog.js';
import { JobQueues, queueNameOf } from '../../src/jobs/job-queues.js';
import { JobWorkers, jobWorkerLocks } from '../../src/jobs/job-workers.js';
import { PermanentJobError } from '../../src/jobs/permanent-error.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function connectionOf(prefix: string) {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  closers.push(async () => {
    redis.disconnect();
  });
  return { connection: redis, prefix };
}

function freshQueues() {
  const connection = connectionOf(`queues-${randomBytes(6).toString('hex')}`);
  const queues = new JobQueues(connection);
  closers.push(() => queues.close());
  return { queues, connection };
}

/** Workers whose alert.process handler counts its runs and fails for good while `fail` says so. */
function countingWorkers(connection: ReturnType<typeof connectionOf>, fail: () => boolean) {
  const runs: string[] = [];
  const handlers: JobHandlers = {
    'alert.process': async ({ alertId }) => {
      runs.push(alertId);
      if (fail()) throw new PermanentJobError(`alert ${alertId} cannot be processed`);
    },
    'order.submit': async () => undefined,
    'order.timeout': async () => undefined,
  };
  const workers = new JobWorkers(connection, handlers, logger);
  closers.push(() => workers.close());
  return { workers, runs };
}

describe('enqueueing the same work again', () => {
  it.each([
    ['completed', false],
    ['failed', true],
  ])(
    'when the job of the payload has %s then only an enqueue that replaces finished jobs runs it again',
    async (state, fails) => {
      const { queues, connection } = freshQueues();
      const { runs } = countingWorkers(connection, () => fails);
      const queue = queues.queue('alert.process');
      await queues.enqueue('alert.process', { alertId: 'a-1' });
      await eventually(async () => (await queue.getJobState('alert-a-1')) === state);
      expect(await queues.presenceOf('alert.process', { alertId: 'a-1' })).toBe('finished');

      await queues.enqueue('alert.process', { alertId: 'a-1' });
      expect(await queue.getJobState('alert-a-1')).toBe(state);
      expect(runs).toEqual(['a-1']);

      await queues.enqueue('alert.process', { alertId: 'a-1' }, { replaceFinished: true });
      await eventually(async () => runs.length === 2);
      await eventually(async () => (await queue.getJobState('alert-a-1')) === state);
      expect(runs).toEqual(['a-1', 'a-1']);
    },
  );

  it('when the job of the payload is still live then replacing finished jobs adds nothing', async () => {
    const { queues } = freshQueues();
    expect(await queues.presenceOf('order.timeout', { clientOrderId: 'c-1' })).toBe('missing');
    await queues.enqueue('order.timeout', { clientOrderId: 'c-1' }, { delayMs: 60_000 });

    await queues.enqueue('order.timeout', { clientOrderId: 'c-1' }, { delayMs: 1, replaceFinished: true });

    const queue = queues.queue('order.timeout');
    expect(await queue.getJobCounts('wait', 'delayed')).toEqual({ wait: 0, delayed: 1 });
    expect((await queue.getJob('timeout-c-1'))?.delay).toBe(60_000);
    expect(await queues.presenceOf('order.timeout', { clientOrderId: 'c-1' })).toBe('live');
  });
});

describe('a job whose process died', () => {
  it('when the process running it is killed then a restarted worker runs it within seconds', async () => {
    const { queues, connection } = freshQueues();
    // The killed process: it took the job and never finishes it, holding the lock our workers take.
    const deadConnection = connectionOf(connection.prefix);
    const dead = new Worker(queueNameOf('alert.process'), () => new Promise<never>(() => undefined), {
      connection: deadConnection.connection,
      prefix: connection.prefix,
      lockDuration: jobWorkerLocks.lockDurationMs,
      stalledInterval: jobWorkerLocks.stalledIntervalMs,
    });
    await queues.enqueue('alert.process', { alertId: 'in-flight' });
    const queue = queues.queue('alert.process');
    await eventually(async () => (await queue.getJobState('alert-in-flight')) === 'active');
    // kill -9: no more lock renewals, no clean hand-back; the job stays active in Redis.
    await dead.close(true);
    const restartedAt = Date.now();

    const { runs } = countingWorkers(connection, () => false);
    await eventually(async () => (await queue.getJobState('alert-in-flight')) === 'completed', {
      timeoutMs: 20_000,
      what: 'the stalled job completed by the restarted worker',
    });

    // BullMQ's defaults (30 s lock, 30 s stalled check) took 30 to 60 s; ours about 5 s.
    expect(Date.now() - restartedAt).toBeLessThan(10_000);
    expect(runs).toEqual(['in-flight']);
  });
});
