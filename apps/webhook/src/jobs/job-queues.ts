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

/** How an enqueue is done. */
export interface EnqueueOptions {
  /** Postpones the job (timeouts). */
  readonly delayMs?: number;
  /**
   * A job with the same id that has finished (completed or failed) is removed and the job added
   * again: for re-driving work whose earlier job ended without finishing it. A live job (waiting,
   * delayed, active) is still never doubled.
   */
  readonly replaceFinished?: boolean;
}

/** Where the job of a payload is: none kept, still to run or running, or finished. */
export type JobPresence = 'missing' | 'live' | 'finished';

const FINISHED_STATES: ReadonlySet<string> = new Set(['completed', 'failed']);

/**
 * Enqueues catalog jobs with their deterministic id and retry policy: a second enqueue of the same
 * payload while the first job is kept (completed jobs are kept a week) adds nothing, unless it asks
 * to replace a finished one.
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

  /** Adds the job unless a job with its id exists (or, with replaceFinished, a live one does). */
  async enqueue<Name extends JobName>(
    name: Name,
    payload: JobPayload<Name>,
    options: EnqueueOptions = {},
  ): Promise<string> {
    const jobId = jobIdOf(name, payload);
    if (options.replaceFinished === true) await this.#removeFinished(name, jobId);
    await this.queue(name).add(name, payload, this.#jobOptions(name, jobId, options.delayMs));
    return jobId;
  }

  /**
   * Adds the jobs of many payloads in one round trip (BullMQ's addBulk), each unless a job with its
   * id exists, as enqueue() does one by one; resolves to their job ids.
   */
  async enqueueBulk<Name extends JobName>(
    name: Name,
    payloads: readonly JobPayload<Name>[],
  ): Promise<string[]> {
    const jobs = payloads.map((payload) => {
      const jobId = jobIdOf(name, payload);
      return { name, data: payload, opts: this.#jobOptions(name, jobId, undefined) };
    });
    if (jobs.length > 0) await this.queue(name).addBulk(jobs);
    return jobs.map((job) => job.opts.jobId);
  }

  /** Whether the job of this payload is kept, and if so whether it has finished. */
  async presenceOf<Name extends JobName>(name: Name, payload: JobPayload<Name>): Promise<JobPresence> {
    const state = await this.queue(name).getJobState(jobIdOf(name, payload));
    if (state === 'unknown') return 'missing';
    return FINISHED_STATES.has(state) ? 'finished' : 'live';
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

  // The job's deterministic id and the catalog's retry policy and retention.
  #jobOptions(name: JobName, jobId: string, delayMs: number | undefined) {
    const { retry } = jobCatalog[name];
    return {
      jobId,
      attempts: retry.attempts,
      backoff: { type: retry.backoff.type, delay: retry.backoff.delay },
      ...(delayMs !== undefined && delayMs > 0 ? { delay: delayMs } : {}),
      removeOnComplete: { age: jobRetention.completedSeconds },
      removeOnFail: { age: jobRetention.failedSeconds },
    };
  }

  // A finished job is not locked, so removing it races only with another replica replacing it too: at
  // worst that one removes the job just added again (waiting, unlocked) and adds it once more. An
  // active job is locked: BullMQ removes nothing then, and the add below adds nothing.
  async #removeFinished(name: JobName, jobId: string): Promise<void> {
    const queue = this.queue(name);
    const state = await queue.getJobState(jobId);
    if (!FINISHED_STATES.has(state)) return;
    await queue.remove(jobId);
  }
}
