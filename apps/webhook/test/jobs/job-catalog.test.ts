import { randomBytes } from 'node:crypto';
import { createLogger } from '@hookline/runtime';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type JobHandlers, jobCatalog, jobIdOf, jobNames } from '../../src/jobs/job-catalog.js';
import { JobQueues } from '../../src/jobs/job-queues.js';
import { JobWorkers } from '../../src/jobs/job-workers.js';
import { PermanentJobError } from '../../src/jobs/permanent-error.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function freshQueues(): { queues: JobQueues; connection: { connection: Redis; prefix: string } } {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const connection = { connection: redis, prefix: `jobs-${randomBytes(6).toString('hex')}` };
  const queues = new JobQueues(connection);
  closers.push(async () => {
    await redis.quit();
  });
  closers.push(() => queues.close());
  return { queues, connection };
}

const noop = async () => undefined;

describe('job catalog', () => {
  it('when a handler is missing then the handlers do not compile', () => {
    // @ts-expect-error order.timeout has no handler
    const incomplete: JobHandlers = { 'alert.process': noop, 'order.submit': noop };
    expect(Object.keys(incomplete)).toHaveLength(2);
    expect(jobNames).toEqual(['alert.process', 'order.submit', 'order.timeout']);
  });

  it('when the same payload is given then the job id is the same, and it names the key', () => {
    expect(jobIdOf('alert.process', { alertId: 'a1' })).toBe('alert-a1');
    expect(jobIdOf('order.submit', { clientOrderId: 'c1' })).toBe('submit-c1');
    expect(jobIdOf('order.timeout', { clientOrderId: 'c1' })).toBe('timeout-c1');
  });

  it.each([
    [{ alertId: '' }, false],
    [{ alertId: 'a1', extra: 1 }, false],
    [{}, false],
    ['a1', false],
    [{ alertId: 'a1' }, true],
  ])('when the alert.process payload is %j then valid is %s', (payload, valid) => {
    expect(jobCatalog['alert.process'].payload.safeParse(payload).success).toBe(valid);
  });

  it('when a job is enqueued twice then Redis holds one job', async () => {
    const { queues } = freshQueues();
    await queues.enqueue('alert.process', { alertId: 'same' });
    await queues.enqueue('alert.process', { alertId: 'same' });
    expect(await queues.queue('alert.process').getJobCounts('wait', 'active', 'delayed')).toEqual({
      wait: 1,
      active: 0,
      delayed: 0,
    });
  });

  it('when a handler fails with a permanent error then the job fails once without retries', async () => {
    const { queues, connection } = freshQueues();
    let runs = 0;
    const workers = new JobWorkers(
      connection,
      {
        'alert.process': async () => {
          runs += 1;
          throw new PermanentJobError('no such alert');
        },
        'order.submit': noop,
        'order.timeout': noop,
      },
      logger,
    );
    closers.push(() => workers.close());
    await queues.enqueue('alert.process', { alertId: 'permanent' });
    const queue = queues.queue('alert.process');
    for (let tries = 0; tries < 200 && (await queue.getFailedCount()) === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [job] = await queue.getFailed();
    expect(job?.failedReason).toContain('no such alert');
    expect(job?.attemptsMade).toBe(1);
    expect(runs).toBe(1);
  });

  it('when a handler fails with a passing error then the job is retried', async () => {
    const { queues, connection } = freshQueues();
    let runs = 0;
    const workers = new JobWorkers(
      connection,
      {
        'alert.process': async () => {
          runs += 1;
          if (runs === 1) throw new Error('database restarting');
        },
        'order.submit': noop,
        'order.timeout': noop,
      },
      logger,
    );
    closers.push(() => workers.close());
    await queues.enqueue('alert.process', { alertId: 'passing' });
    const queue = queues.queue('alert.process');
    for (let tries = 0; tries < 200 && (await queue.getCompletedCount()) === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(runs).toBe(2);
  });
});
