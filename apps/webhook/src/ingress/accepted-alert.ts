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
 * Port to the next step (the job catalog enqueues the alert). Called after the row is stored and the
 * answer is on its way, fire-and-forget: a failure is logged and the row stays ACCEPTED, never re-sent
 * from here (a sweeper over ACCEPTED rows is the recovery path).
 */
export type AcceptedAlertHandler = (accepted: AcceptedAlert) => void | Promise<void>;

/** Minimal logger shape (pino's and fastify's loggers fit). */
interface ErrorLogger {
  error(object: object, message: string): void;
}

/**
 * Hands the accepted alert on after the current answer is written (setImmediate), without waiting:
 * TradingView cancels a request after 3 s, so no queue or exchange work may delay the answer.
 */
export function handOnAccepted(
  handler: AcceptedAlertHandler,
  accepted: AcceptedAlert,
  log: ErrorLogger,
): void {
  setImmediate(() => {
    Promise.resolve()
      .then(() => handler(accepted))
      .catch((error: unknown) =>
        log.error(
          { err: error, alertId: accepted.alertId },
          'handing on an accepted alert failed; it stays ACCEPTED',
        ),
      );
  });
}
