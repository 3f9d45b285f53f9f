// The replay's stand-in for the BullMQ queues, on the virtual clock: a submit runs at once (as a
// worker would pick it up), a delayed job runs when the replay clock reaches its time. The executor
// and its jobs are the real ones; only the scheduling is in-process, because BullMQ delays run on
// Redis's wall clock and a replay must not wait for real minutes.
import type { Clock } from '@hookline/core';
import type { JobName, JobPayload } from '../jobs/job-catalog.js';
import type { JobQueues } from '../jobs/job-queues.js';

type AnyJob = {
  readonly [Name in JobName]: { name: Name; payload: JobPayload<Name>; dueMs: number };
}[JobName];

/** Runs a job now (submit) or later on the clock (timeouts). */
export type InlineJobRunner = (job: AnyJob) => Promise<void>;

/** Enqueue for the executor, run by the replay loop. */
export class InlineJobQueue implements Pick<JobQueues, 'enqueue'> {
  readonly #clock: Clock;
  #runner: InlineJobRunner | undefined;
  #scheduled: AnyJob[] = [];
  readonly #seen = new Set<string>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Sets what runs the jobs (the executor exists only after its queue). */
  bind(runner: InlineJobRunner): void {
    this.#runner = runner;
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
    if (this.#runner === undefined) throw new Error('InlineJobQueue: no runner bound');
    await this.#runner(job);
  }
}
