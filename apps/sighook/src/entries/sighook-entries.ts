import { type Clock, type Decimal, type IdGenerator, toPlainString } from '@hookline/core';
import { checkMatrixRow, type MatrixRow, sighookEntryAlert } from '@hookline/schemas';
import { insertSighookEntryAlert, type Store } from '@hookline/store';
import type { Logger } from 'pino';
import type { AlertJobQueue } from './alert-job-queue.js';
import { type HeldReason, heldReason } from './position-check.js';

/** What sighook's entries need. */
export interface SighookEntriesOptions {
  readonly store: Store;
  readonly queue: Pick<AlertJobQueue, 'enqueue'>;
  readonly clock: Clock;
  /** Ids of the `alerts` rows (UUIDv7 in the process, like ingress). */
  readonly ids: IdGenerator;
  /** The account whose positions count and whose entries these are (HOOKLINE_ACCOUNT). */
  readonly account: string;
  /** Length of the matrix's candles. */
  readonly timeframeMs: number;
  /** HOOKLINE_MATRIX_MAX_AGE_MS: an older row or candle never becomes an entry. */
  readonly maxAgeMs: number;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
}

/** What became of a matrix row as a possible entry. */
export type EntryOutcome =
  | { readonly kind: 'NOT_BUY' }
  | { readonly kind: 'STALE'; readonly detail: string }
  | { readonly kind: HeldReason }
  | { readonly kind: 'EMITTED'; readonly alertId: string; readonly jobId: string }
  | { readonly kind: 'ALREADY_EMITTED'; readonly alertId: string };

/**
 * Turns a BUY row for a symbol without a position into an entry alert (source SIGHOOK) on the same
 * path as a TradingView alert: an ACCEPTED `alerts` row, then `alert.process` on the webhook's queue.
 * The row's idempotency key makes it at most one entry per symbol per candle, across polls,
 * restarts and replicas. If the enqueue fails after the row is stored, the row stays ACCEPTED and
 * the webhook's accepted-alert sweeper enqueues it later.
 */
export class SighookEntries {
  readonly #options: SighookEntriesOptions;

  constructor(options: SighookEntriesOptions) {
    this.#options = options;
  }

  /** Considers the newest row of a symbol; `close` is its candle's close (the alert's reference price). */
  async consider(row: MatrixRow, close: Decimal | null): Promise<EntryOutcome> {
    if (row.action !== 'BUY') return { kind: 'NOT_BUY' };
    const stale = this.#staleness(row);
    if (stale !== undefined) return { kind: 'STALE', detail: stale };
    const { store, account, logger } = this.#options;
    const entry = sighookEntryAlert(account, row, close === null ? null : toPlainString(close));
    const held = await heldReason(store, account, row.symbol, entry.idempotencyKey);
    if (held !== undefined) return { kind: held };
    const receivedAt = this.#options.clock.now();
    const stored = await insertSighookEntryAlert(store, account, entry, {
      id: this.#options.ids.next(),
      receivedAt,
    });
    if (!stored.inserted) {
      // Still ACCEPTED: its enqueue may have been lost; the job id makes a second enqueue a no-op.
      if (stored.status === 'ACCEPTED') await this.#options.queue.enqueue(stored.alertId);
      return { kind: 'ALREADY_EMITTED', alertId: stored.alertId };
    }
    const jobId = await this.#options.queue.enqueue(stored.alertId);
    logger.info(
      {
        symbol: row.symbol,
        candleTime: row.candle_time,
        alertId: stored.alertId,
        decisionId: entry.decisionId,
      },
      'sighook entry alert enqueued',
    );
    return { kind: 'EMITTED', alertId: stored.alertId, jobId };
  }

  // The row must pass the readers' freshness rule, and its candle must have closed recently: a BUY
  // computed now on a candle from hours ago (a gap, a catch-up) is no reason to enter now.
  #staleness(row: MatrixRow): string | undefined {
    const { clock, maxAgeMs, timeframeMs } = this.#options;
    const nowMs = clock.nowMs();
    const checked = checkMatrixRow(row, nowMs, maxAgeMs);
    if (!checked.ok) return checked.detail;
    const closedAgoMs = nowMs - (Date.parse(row.candle_time) + timeframeMs);
    if (closedAgoMs > maxAgeMs) return `candle closed ${closedAgoMs} ms ago; the limit is ${maxAgeMs} ms`;
    return undefined;
  }
}
