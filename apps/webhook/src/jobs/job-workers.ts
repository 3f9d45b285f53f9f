import { infrastructureFailureOf } from '@hookline/runtime';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { INFRASTRUCTURE_BACKOFF_CAP_MS, infrastructureRetryDelayMs } from './infrastructure-retry.js';
import { type JobHandlers, type JobName, jobCatalog, jobNames } from './job-catalog.js';
import { type QueueConnection, queueNameOf } from './job-queues.js';
import { toWorkerError } from './permanent-error.js';

/** How many jobs of each name one process runs at once (default 4). */
export type JobConcurrency = Partial<Record<JobName, number>>;

/** How the workers run. */
export interface JobWorkerOptions {
  readonly concurrency?: JobConcurrency;
  /** The longest wait between two runs of a job the infrastructure failed (default 30 s). */
  readonly infrastructureBackoffCapMs?: number;
}

// Crash recovery. A job whose process died (kill -9) keeps its place in the active list until its lock
// lapses; a stalled check (every stalledIntervalMs, by any worker, at once when a worker starts) that
// finds it without a lock puts it back to wait. With a 5 s lock and a 2 s interval a killed process's
// jobs run again at most 7 s after the kill, so within a few seconds of a restart, which itself takes
// seconds (BullMQ's defaults, 30 s each, took 30 to 60 s). The lock is renewed every 2.5 s while a job
// runs, so a long job keeps it (a 3 s lock was seen to lapse on a loaded 2-core machine); a process
// stalled for longer than the lock may see its job run twice, which the handlers allow: every handler is
// idempotent (the alert row is claimed with its one decision, so a second run reuses it, an intent's client order id derives from its decision,
// a send of an unsettled order looks it up first, a cancel of a finished order does nothing).
/** The workers' lock and stalled-job settings (see above). */
export const jobWorkerLocks = {
  lockDurationMs: 5_000,
  stalledIntervalMs: 2_000,
  // Each crash or Redis outage during a run counts one stall; a job that stalled more often than this
  // fails, and the recovery sweeper re-enqueues the work if it is still unfinished.
  maxStalledCount: 5,
} as const;

/**
 * One BullMQ worker per job name. Each job's payload is validated against the catalog first (an
 * invalid payload is permanent: no retry); permanent handler errors become UnrecoverableError.
 *
 * A run the infrastructure failed (`infrastructureFailureOf`: database, Redis or network) is put back
 * as a delayed job by the worker itself (`moveToDelayed` + DelayedError) instead of failing: BullMQ
 * then spends no attempt (attemptsMade is unchanged), so the catalog's attempts count only the job's
 * own failures and a job outlasts an outage of any length. Of the ways BullMQ offers, this one keeps
 * job ids, payloads and the attempt number the handler sees exactly as they were; a custom backoff
 * strategy would still end at the attempt limit, and counting in the job's data would change the
 * payload every catalog schema checks. The wait doubles from the catalog's delay up to a cap.
 */
export class JobWorkers {
  readonly #workers: Worker[];

  constructor(
    connection: QueueConnection,
    handlers: JobHandlers,
    private readonly logger: Logger,
    options: JobWorkerOptions = {},
  ) {
    const capMs = options.infrastructureBackoffCapMs ?? INFRASTRUCTURE_BACKOFF_CAP_MS;
    this.#workers = jobNames.map((name) => {
      const worker = new Worker(
        queueNameOf(name),
        async (job, token) => {
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
            if (infrastructureFailureOf(error) === undefined) throw toWorkerError(error);
            await this.#waitForInfrastructure(name, job, token, error, capMs);
          }
        },
        {
          connection: connection.connection,
          prefix: connection.prefix,
          concurrency: options.concurrency?.[name] ?? 4,
          lockDuration: jobWorkerLocks.lockDurationMs,
          stalledInterval: jobWorkerLocks.stalledIntervalMs,
          maxStalledCount: jobWorkerLocks.maxStalledCount,
        },
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

  // Puts the job back as delayed without spending an attempt. `attemptsStarted - attemptsMade` is how
  // many runs in a row ended without spending one (this run included): the retry number of the wait.
  // BullMQ's delays run on Redis's wall clock, so the due time is wall-clock time too.
  async #waitForInfrastructure(
    name: JobName,
    job: Job,
    token: string | undefined,
    error: unknown,
    capMs: number,
  ): Promise<never> {
    const retry = Math.max(1, job.attemptsStarted - job.attemptsMade);
    const delayMs = infrastructureRetryDelayMs(jobCatalog[name].retry, retry, capMs);
    this.logger.warn(
      {
        err: error,
        job: name,
        jobId: job.id,
        infrastructure: infrastructureFailureOf(error),
        retry,
        delayMs,
      },
      'job failed for the infrastructure; it runs again without spending an attempt',
    );
    // When Redis itself is down this move fails too: the job then keeps no lock, and the stalled
    // check puts it back to wait once Redis answers (a stall, not an attempt).
    await job.moveToDelayed(Date.now() + delayMs, token).catch((moveError: unknown) => {
      this.logger.warn(
        { err: moveError, job: name, jobId: job.id },
        'could not delay the job; it will stall',
      );
    });
    throw new DelayedError();
  }
}
