import { UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { type JobHandlers, type JobName, jobCatalog, jobNames } from './job-catalog.js';
import { type QueueConnection, queueNameOf } from './job-queues.js';
import { toWorkerError } from './permanent-error.js';

/** How many jobs of each name one process runs at once (default 4). */
export type JobConcurrency = Partial<Record<JobName, number>>;

/**
 * One BullMQ worker per job name. Each job's payload is validated against the catalog first (an
 * invalid payload is permanent: no retry); permanent handler errors become UnrecoverableError.
 */
export class JobWorkers {
  readonly #workers: Worker[];

  constructor(
    connection: QueueConnection,
    handlers: JobHandlers,
    logger: Logger,
    concurrency: JobConcurrency = {},
  ) {
    this.#workers = jobNames.map((name) => {
      const worker = new Worker(
        queueNameOf(name),
        async (job) => {
          const parsed = jobCatalog[name].payload.safeParse(job.data);
          if (!parsed.success)
            throw new UnrecoverableError(`invalid ${name} payload: ${parsed.error.message}`);
          const handler = handlers[name] as (
            payload: unknown,
            run: { jobId: string; attempt: number },
          ) => Promise<void>;
          try {
            await handler(parsed.data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
          } catch (error) {
            throw toWorkerError(error);
          }
        },
        { connection: connection.connection, prefix: connection.prefix, concurrency: concurrency[name] ?? 4 },
      );
      worker.on('failed', (job, error) =>
        logger.warn({ err: error, job: name, jobId: job?.id, attempt: job?.attemptsMade }, 'job failed'),
      );
      worker.on('error', (error) => logger.error({ err: error, job: name }, 'job worker error'));
      return worker;
    });
  }

  /** Waits until every worker is connected and polling. */
  async ready(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.waitUntilReady()));
  }

  /** Stops taking jobs and waits for the running ones to finish (BullMQ's graceful close). */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.close()));
  }
}
