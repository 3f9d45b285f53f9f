import { type Decimal, ZERO } from '@hookline/core';
import type { Fill, FillCursor } from '../port/fill.js';
import type { FillEvent } from '../port/stream-events.js';
import { type FillBackfillSource, readFillsSince } from '../stream/fills-since.js';
import type { OrderFillTracker } from './order-fill-tracker.js';

export type { FillBackfillSource } from '../stream/fills-since.js';

/**
 * Recovers, over REST, the fills a live stream lost (a `sequence_num` gap: Coinbase never resends).
 * Fills since the cursor name the orders that traded; each such order's complete fill list gives
 * every fill's cumulative position, and only the fills beyond what the stream already accounted
 * for (the tracker) are reported, with their trade ids, and then accounted. So a fill missed by the
 * stream is reported exactly once, and the next cumulative update continues from it.
 */
export class GapBackfill {
  readonly #source: FillBackfillSource;
  readonly #tracker: OrderFillTracker;
  readonly #emit: (event: FillEvent) => void;
  readonly #now: () => Date;
  #cursor: FillCursor;
  #running: Promise<number> | undefined;
  #again = false;

  constructor(options: {
    source: FillBackfillSource;
    tracker: OrderFillTracker;
    cursor: FillCursor;
    emit: (event: FillEvent) => void;
    now: () => Date;
  }) {
    this.#source = options.source;
    this.#tracker = options.tracker;
    this.#cursor = options.cursor;
    this.#emit = options.emit;
    this.#now = options.now;
  }

  /** Runs a backfill (one at a time; a request during a run causes one more run). Resolves to the fills reported. */
  run(): Promise<number> {
    if (this.#running !== undefined) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Resolves when no backfill is running. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running.catch(() => 0);
  }

  async #loop(): Promise<number> {
    let reported = 0;
    do {
      this.#again = false;
      reported += await this.#once();
    } while (this.#again);
    return reported;
  }

  async #once(): Promise<number> {
    const { fills: recent, cursor } = await readFillsSince(this.#source, this.#cursor);
    let reported = 0;
    for (const orderId of new Set(recent.map((fill) => fill.orderId))) {
      reported += this.#reportMissing(orderId, await this.#source.fetchOrderFills(orderId));
    }
    this.#cursor = cursor;
    return reported;
  }

  #reportMissing(orderId: string, fills: readonly Fill[]): number {
    const accounted = this.#tracker.known(orderId).amount;
    let position: Decimal = ZERO;
    let reported = 0;
    for (const fill of fills) {
      const before = position;
      position = position.plus(fill.amount);
      if (!position.greaterThan(accounted)) continue;
      // A fill the stream saw only part of (should not happen: deltas are sums of whole fills).
      const amount = before.lessThan(accounted) ? position.minus(accounted) : fill.amount;
      const fee = amount.equals(fill.amount) ? fill.fee : fill.fee.times(amount).dividedBy(fill.amount);
      this.#tracker.account(orderId, { amount, price: fill.price, fee });
      this.#emit({
        type: 'fill',
        fill: { ...fill, amount, fee, cumulativeFilledAmount: position },
        exchangeTime: fill.executedAt,
        receivedAt: this.#now(),
      });
      reported += 1;
    }
    return reported;
  }
}
