// The job queue of a system without Redis (replay, backtest), on the virtual clock: a job without a
// delay runs at once (as a worker would pick it up), a delayed job runs when the clock reaches its
// time. The handlers are the catalog's, the same ones the BullMQ workers run; only the scheduling is
// in-process, because BullMQ delays run on Redis's wall clock and a replay must not wait real minutes.
import type { Clock } from '@hookline/core';
import type { JobHandlers, JobName, JobPayload, JobRun } from './job-catalog.js';
import type { JobQueues } from './job-queues.js';

type AnyJob = {
  readonly [Name in JobName]: { name: Name; payload: JobPayload<Name>; dueMs: number };
}[JobName];

/** Enqueue for the executor, run by the replay loop. */
export class InlineJobQueue implements Pick<JobQueues, 'enqueue'> {
  readonly #clock: Clock;
  #handlers: JobHandlers | undefined;
  #scheduled: AnyJob[] = [];
  readonly #seen = new Set<string>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Sets the catalog's handlers (the executor that enqueues exists before its handlers do). */
  bind(handlers: JobHandlers): void {
    this.#handlers = handlers;
  }

  async enqueue<Name extends JobName>(
    name: Name,
    payload: JobPayload<Name>,
    options: { readonly delayMs?: number } = {},
  ): Promise<string> {
    const jobId = `${name}:${JSON.stringify(payload)}`;
    if (this.#seen.has(jobId)) return jobId; // deterministic ids, as in BullMQ: a repeat adds nothing
    this.#seen.add(jobId);
    const job = { name, payload, dueMs: this.#clock.nowMs() + (options.delayMs ?? 0) } as AnyJob;
    if ((options.delayMs ?? 0) > 0) this.#scheduled.push(job);
    else await this.#run(job);
    return jobId;
  }

  /** Runs every delayed job whose time has come. */
  async runDue(): Promise<void> {
    const now = this.#clock.nowMs();
    const due = this.#scheduled.filter((job) => job.dueMs <= now);
    this.#scheduled = this.#scheduled.filter((job) => job.dueMs > now);
    for (const job of due) await this.#run(job);
  }

  async #run(job: AnyJob): Promise<void> {
    if (this.#handlers === undefined) throw new Error('InlineJobQueue: no handlers bound');
    // The union of jobs does not narrow the handler's payload; each job carries its own name's payload.
    const handler = this.#handlers[job.name] as (payload: unknown, run: JobRun) => Promise<void>;
    await handler(job.payload, { jobId: `${job.name}:${JSON.stringify(job.payload)}`, attempt: 1 });
  }
}
