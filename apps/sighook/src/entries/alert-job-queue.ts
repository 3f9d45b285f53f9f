import {
  JOB_QUEUE_PREFIX,
  jobCatalog,
  jobIdOf,
  jobQueuePrefixOf,
  jobRetention,
  queueNameOf,
} from '@hookline/schemas';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * The webhook's `alert.process` queue of one account, as sighook enqueues to it: the catalog's queue
 * name, payload schema, job id (`alert-{alertId}`, so a repeat adds nothing), retry policy and
 * retention, under the account's queue prefix (jobQueuePrefixOf), where only that account's webhook
 * works. sighook never runs the job; the webhook's worker does.
 */
export class AlertJobQueue {
  readonly #queue: Queue;

  /**
   * `connection` stays open on close(); `basePrefix` defaults to the production services' prefix, and
   * the queue is the account's under it.
   */
  constructor(connection: Redis, account: string, basePrefix: string = JOB_QUEUE_PREFIX) {
    this.#queue = new Queue(queueNameOf('alert.process'), {
      connection,
      prefix: jobQueuePrefixOf(account, basePrefix),
    });
  }

  /** Enqueues the processing of an accepted alert; returns the job id. */
  async enqueue(alertId: string): Promise<string> {
    const definition = jobCatalog['alert.process'];
    const payload = definition.payload.parse({ alertId });
    const jobId = jobIdOf('alert.process', payload);
    await this.#queue.add('alert.process', payload, {
      jobId,
      attempts: definition.retry.attempts,
      backoff: { type: definition.retry.backoff.type, delay: definition.retry.backoff.delay },
      removeOnComplete: { age: jobRetention.completedSeconds },
      removeOnFail: { age: jobRetention.failedSeconds },
    });
    return jobId;
  }

  /** The underlying queue (tests read it). */
  get queue(): Queue {
    return this.#queue;
  }

  /** Closes the queue (the shared connection stays open). */
  async close(): Promise<void> {
    await this.#queue.close();
  }
}
