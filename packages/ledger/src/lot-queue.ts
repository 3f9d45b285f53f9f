// The open lots of one (account, asset), oldest first: a buy appends, a disposal takes from the front.
import { type Decimal, ZERO } from '@hookline/core';
import { ExactAmount } from './exact-amount.js';
import { compareQuantities, ExactQuantity } from './exact-quantity.js';
import type { OpenLot } from './open-lot.js';

/**
 * A quantity taken from one lot, with the lot's fee that goes with it. The queue reuses one slice
 * object for every take, so it is valid until the next take: read it, do not keep it.
 */
export interface LotSlice {
  readonly lot: OpenLot;
  readonly size: ExactQuantity;
  readonly buyFee: ExactAmount;
  /** The lot's price as a factor of the engine's exact arithmetic. */
  readonly price: ExactQuantity;
  /** True when the slice covers all of the quantity asked for. */
  readonly completes: boolean;
}

interface MutableSlice {
  lot: OpenLot | undefined;
  readonly size: ExactQuantity;
  readonly buyFee: ExactAmount;
  readonly price: ExactQuantity;
  completes: boolean;
}

// Emptied lots are dropped from the front in batches, so a long queue is not shifted on every sell.
const compactAfter = 64;

/** A FIFO queue of open lots. */
export class LotQueue {
  // Emptied lots before #head are cleared to undefined.
  #lots: (OpenLot | undefined)[] = [];
  #head = 0;
  readonly #slice: MutableSlice = {
    lot: undefined,
    size: new ExactQuantity(),
    buyFee: new ExactAmount(),
    price: new ExactQuantity(),
    completes: false,
  };

  /** Appends a newly bought lot (the youngest). */
  push(lot: OpenLot): void {
    this.#lots.push(lot);
  }

  /**
   * Inserts a lot that arrived by a transfer where its acquisition puts it: after every open lot
   * bought before it or at the same time (buy time, then buy sequence), so FIFO follows the original
   * buy dates whatever the account the lot came from.
   */
  insertByAge(lot: OpenLot): void {
    let index = this.#lots.length;
    while (index > this.#head && boughtAfter(this.#lots[index - 1] as OpenLot, lot)) index--;
    this.#lots.splice(index, 0, lot);
  }

  /** True when the open lots hold at least `quantity` (stops counting once they do). */
  holds(quantity: Decimal): boolean {
    let counted = ZERO;
    for (let index = this.#head; index < this.#lots.length; index++) {
      counted = counted.plus((this.#lots[index] as OpenLot).remainingSize);
      if (counted.greaterThanOrEqualTo(quantity)) return true;
    }
    return quantity.lessThanOrEqualTo(counted);
  }

  /**
   * Takes up to `quantity` from the oldest lot; undefined when no lot is open. The slice that empties
   * a lot takes all its remaining fee; a partial slice takes its truncated share of the lot's fee by
   * the lot's original size, so the slices of a fully consumed lot add up exactly to its fee. The
   * slice returned is the queue's own, overwritten by the next take.
   */
  takeOldest(quantity: ExactQuantity): LotSlice | undefined {
    const lot = this.#lots[this.#head];
    if (!lot) return undefined;
    const slice = this.#slice;
    slice.lot = lot;
    lot.priceInto(slice.price);
    const rest = slice.size;
    lot.remainingInto(rest);
    const order = compareQuantities(quantity, rest);
    if (order < 0) {
      lot.takePart(quantity, slice.buyFee);
      rest.assign(quantity);
      slice.completes = true;
      return slice as LotSlice;
    }
    lot.remainingFeeInto(slice.buyFee);
    slice.completes = order === 0;
    // Dropped at once, not at the next compaction, so an emptied lot dies young (cheap to collect).
    this.#lots[this.#head] = undefined;
    this.#head++;
    this.#compact();
    return slice as LotSlice;
  }

  /** The open lots, oldest first (live objects: callers copy before exposing them). */
  open(): readonly OpenLot[] {
    return (this.#head === 0 ? this.#lots : this.#lots.slice(this.#head)) as readonly OpenLot[];
  }

  /** The quantity the open lots hold. */
  total(): Decimal {
    let counted = ZERO;
    for (let index = this.#head; index < this.#lots.length; index++)
      counted = counted.plus((this.#lots[index] as OpenLot).remainingSize);
    return counted;
  }

  #compact(): void {
    if (this.#head === this.#lots.length) {
      this.#lots = [];
      this.#head = 0;
    } else if (this.#head >= compactAfter && this.#head * 2 >= this.#lots.length) {
      this.#lots = this.#lots.slice(this.#head);
      this.#head = 0;
    }
  }
}

function boughtAfter(a: OpenLot, b: OpenLot): boolean {
  const byTime = a.terms.buyTime.getTime() - b.terms.buyTime.getTime();
  if (byTime !== 0) return byTime > 0;
  return a.terms.buySequence > b.terms.buySequence;
}
