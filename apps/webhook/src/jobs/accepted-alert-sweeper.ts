// An alert is stored (ACCEPTED) before it is answered, and handed to the queue after. If that hand-off
// fails (Redis down, process killed between the answer and the enqueue), the alert would wait forever:
// the sweeper re-enqueues ACCEPTED alerts older than a grace period. The job id is the alert id, so an
// alert whose job exists is not queued twice, and alert.process is idempotent (it reuses a stored decision).
import type { Clock } from '@hookline/core';
import { readStaleAcceptedAlertIds, type Store } from '@hookline/store';
import type { Logger } from 'pino';
import type { JobQueues } from './job-queues.js';

/** Re-enqueues accepted alerts whose hand-off to the queue was lost. */
export class AcceptedAlertSweeper {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly options: {
      store: Store;
      queues: JobQueues;
      clock: Clock;
      logger: Logger;
      /** Alerts younger than this are still on their normal path. */
      graceMs: number;
      batchSize?: number;
    },
  ) {}

  /** One pass: enqueues up to batchSize stale ACCEPTED alerts, oldest first; returns how many. */
  async sweepOnce(): Promise<number> {
    const { store, queues, clock, graceMs } = this.options;
    const stale = await readStaleAcceptedAlertIds(store, {
      receivedBefore: new Date(clock.nowMs() - graceMs),
      limit: this.options.batchSize ?? 100,
    });
    for (const id of stale) await queues.enqueue('alert.process', { alertId: id });
    if (stale.length > 0) this.options.logger.warn({ alerts: stale.length }, 're-enqueued accepted alerts');
    return stale.length;
  }

  /** Sweeps every intervalMs (never overlapping itself); errors are logged and retried next time. */
  start(intervalMs: number): void {
    this.#timer = setInterval(() => {
      if (this.#running) return;
      this.#running = this.sweepOnce()
        .catch((error: unknown) => {
          this.options.logger.error({ err: error }, 'accepted-alert sweep failed');
          return 0;
        })
        .finally(() => {
          this.#running = undefined;
        });
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a running pass. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
