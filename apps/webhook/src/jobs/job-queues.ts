import { jobRetention, queueNameOf } from '@hookline/schemas';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type JobName, type JobPayload, jobCatalog, jobIdOf, jobNames } from './job-catalog.js';

/** Where the queues live: one Redis connection and a key prefix (tests use a fresh one each). */
export interface QueueConnection {
  readonly connection: Redis;
  /** Redis key prefix of every queue (default `hookline`). */
  readonly prefix: string;
}

// The queue name is defined with the shared catalog, so sighook's enqueue lands on the same queue.
export { queueNameOf };

/**
 * Enqueues catalog jobs with their deterministic id and retry policy: a second enqueue of the same
 * payload while the first job is kept (completed jobs are kept a week) adds nothing.
 */
export class JobQueues {
  readonly #queues: ReadonlyMap<JobName, Queue>;

  constructor(connection: QueueConnection) {
    this.#queues = new Map(
      jobNames.map((name) => [
        name,
        new Queue(queueNameOf(name), { connection: connection.connection, prefix: connection.prefix }),
      ]),
    );
  }

  /** Adds the job unless a job with its id exists; `delayMs` postpones it (timeouts). */
  async enqueue<Name extends JobName>(
    name: Name,
    payload: JobPayload<Name>,
    options: { readonly delayMs?: number } = {},
  ): Promise<string> {
    const jobId = jobIdOf(name, payload);
    const { retry } = jobCatalog[name];
    await this.queue(name).add(name, payload, {
      jobId,
      attempts: retry.attempts,
      backoff: { type: retry.backoff.type, delay: retry.backoff.delay },
      ...(options.delayMs !== undefined && options.delayMs > 0 ? { delay: options.delayMs } : {}),
      removeOnComplete: { age: jobRetention.completedSeconds },
      removeOnFail: { age: jobRetention.failedSeconds },
    });
    return jobId;
  }

  /** The queue of one job name (tests read counts from it). */
  queue(name: JobName): Queue {
    const queue = this.#queues.get(name);
    if (queue === undefined) throw new Error(`no queue for job ${name}`);
    return queue;
  }

  /** Closes every queue (the shared connection stays open). */
  async close(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((queue) => queue.close()));
  }
}
