import { type Decimal, ZERO } from '@hookline/core';

/** What is known of an order's fills: cumulative amount, value (Σ price × amount) and fees. */
export interface CumulativeFills {
  readonly amount: Decimal;
  readonly value: Decimal;
  readonly fees: Decimal;
}

/** One new execution derived from two cumulative states. */
export interface FillDelta {
  readonly amount: Decimal;
  readonly price: Decimal;
  readonly fee: Decimal;
  /** The order's filled amount including this fill: the key consumers de-duplicate on. */
  readonly cumulativeAmount: Decimal;
}

const none: CumulativeFills = { amount: ZERO, value: ZERO, fees: ZERO };

/**
 * Turns Coinbase's cumulative order state into per-fill deltas, exactly, in Decimal. The user
 * channel has no trade ids: a fill is the increase in `cumulative_quantity`, its price
 * `(avg_now × qty_now − avg_prev × qty_prev) / Δqty`, its fee the increase in `total_fees`
 * (docs/exchange-notes.md, Coinbase 5). A state at or below what is known (a replay after a reconnect, or a
 * message overtaken by a backfill) yields nothing, so each quantity is reported once.
 */
export class OrderFillTracker {
  readonly #orders = new Map<string, CumulativeFills>();
  readonly #capacity: number;

  /** Remembers at most `capacity` orders (the oldest are forgotten first). */
  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  /** What is known of the order (zeros for an order never seen). */
  known(orderId: string): CumulativeFills {
    return this.#orders.get(orderId) ?? none;
  }

  /** True when the order has been seen. */
  has(orderId: string): boolean {
    return this.#orders.has(orderId);
  }

  /** The fill a new cumulative state reveals, or undefined when it reveals none. */
  observe(
    orderId: string,
    cumulative: Decimal,
    averagePrice: Decimal,
    totalFees: Decimal,
  ): FillDelta | undefined {
    const previous = this.known(orderId);
    if (!cumulative.greaterThan(previous.amount)) return undefined;
    const value = averagePrice.times(cumulative);
    const amount = cumulative.minus(previous.amount);
    const delta: FillDelta = {
      amount,
      price: value.minus(previous.value).dividedBy(amount),
      fee: totalFees.minus(previous.fees),
      cumulativeAmount: cumulative,
    };
    this.#remember(orderId, { amount: cumulative, value, fees: totalFees });
    return delta;
  }

  /** Takes a state as known without reporting a fill (a snapshot: state, not an event). */
  baseline(orderId: string, cumulative: Decimal, averagePrice: Decimal, totalFees: Decimal): void {
    if (this.has(orderId) && !cumulative.greaterThan(this.known(orderId).amount)) return;
    this.#remember(orderId, { amount: cumulative, value: averagePrice.times(cumulative), fees: totalFees });
  }

  /** Adds a fill learned elsewhere (REST backfill), so a later cumulative state does not repeat it. */
  account(orderId: string, fill: { amount: Decimal; price: Decimal; fee: Decimal }): CumulativeFills {
    const previous = this.known(orderId);
    const next = {
      amount: previous.amount.plus(fill.amount),
      value: previous.value.plus(fill.price.times(fill.amount)),
      fees: previous.fees.plus(fill.fee),
    };
    this.#remember(orderId, next);
    return next;
  }

  #remember(orderId: string, state: CumulativeFills): void {
    this.#orders.delete(orderId);
    this.#orders.set(orderId, state);
    if (this.#orders.size > this.#capacity) {
      const oldest = this.#orders.keys().next().value;
      if (oldest !== undefined) this.#orders.delete(oldest);
    }
  }
}
