import type { NormalizedAlert } from '@hookline/schemas';

/** An alert stored as ACCEPTED, as handed on for execution. */
export interface AcceptedAlert {
  /** The `alerts.id` of the stored row (the job id the executor will use). */
  readonly alertId: string;
  readonly idempotencyKey: string;
  readonly receivedAt: Date;
  readonly remoteAddress: string;
  readonly alert: NormalizedAlert;
}

/**
 * Port to the next step (the job catalog enqueues the alerts, all in one call). Called after the rows
 * are committed and their answers are on their way, fire-and-forget: a failure is logged and the rows
 * stay ACCEPTED, never re-sent from here (the recovery sweeper over ACCEPTED rows is the recovery path).
 */
export type AcceptedAlertHandler = (accepted: readonly AcceptedAlert[]) => void | Promise<void>;

/** Minimal logger shape (pino's and fastify's loggers fit). */
interface ErrorLogger {
  error(object: object, message: string): void;
}

/** Alerts per hand-off call at most (BullMQ's addBulk sends them in one round trip). */
export const HAND_OFF_MAX_ALERTS = 512;

/**
 * Hands accepted alerts on after their answers are written, without the answer waiting for it:
 * TradingView cancels a request after 3 s, so no queue or exchange work may delay the answer. Alerts
 * accepted while a hand-off is on its way go together in the next one (natural batching, no timer).
 */
export class AcceptedHandOff {
  #waiting: AcceptedAlert[] = [];
  #busy = false;

  constructor(
    private readonly handler: AcceptedAlertHandler,
    private readonly log: ErrorLogger,
  ) {}

  /** Queues the alert; the hand-off starts after the current event-loop turn's answers are written. */
  push(accepted: AcceptedAlert): void {
    this.#waiting.push(accepted);
    if (this.#busy) return;
    this.#busy = true;
    setImmediate(() => void this.#drain());
  }

  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, HAND_OFF_MAX_ALERTS);
      try {
        await this.handler(batch);
      } catch (error) {
        for (const { alertId } of batch) {
          this.log.error({ err: error, alertId }, 'handing on an accepted alert failed; it stays ACCEPTED');
        }
      }
    }
    this.#busy = false;
  }
}
