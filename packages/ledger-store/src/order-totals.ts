// The aggregates of one order (trade_records) summed as its fills and their allocations are added:
// computeOrderAggregates adds a book's rows at once, the bulk import adds each fill as the engine
// applies it. Every sum is exact and taken in the order the values are added.
import { type Decimal, plus, times, ZERO } from '@hookline/core';
import type { Allocation } from '@hookline/ledger';
import type { OrderAggregates } from './order-aggregate-columns.js';

/** What an order's aggregates read of one of its fills (decimals already ours). */
export interface TotalledFill {
  readonly id: string;
  readonly side: 'BUY' | 'SELL';
  readonly price: Decimal;
  readonly size: Decimal;
  /** The fee's USD value as stored; null counts as zero. */
  readonly feeUsd: Decimal | null;
  readonly executedAt: Date;
}

/** The running totals of one order. */
export class OrderTotals {
  readonly tradeRecordId: string;
  #side: 'BUY' | 'SELL' | undefined;
  #filledSize = ZERO;
  #notional = ZERO;
  #feesUsd = ZERO;
  #firstFillMs = 0;
  readonly #fillIds: string[] = [];
  // Over the allocations of the order's fills; they count for a sell order only.
  #pnlUsd = ZERO;
  #costBasisUsd = ZERO;
  #proceedsUsd = ZERO;
  #netProceedsUsd = ZERO;

  constructor(tradeRecordId: string) {
    this.tradeRecordId = tradeRecordId;
  }

  /** Adds a fill of the order (the first one added gives the order its side). */
  addFill(fill: TotalledFill): void {
    const executedMs = fill.executedAt.getTime();
    if (this.#side === undefined) {
      this.#side = fill.side;
      this.#firstFillMs = executedMs;
    } else {
      this.#firstFillMs = Math.min(this.#firstFillMs, executedMs);
    }
    this.#fillIds.push(fill.id);
    this.#filledSize = plus(this.#filledSize, fill.size);
    this.#notional = plus(this.#notional, times(fill.price, fill.size));
    this.#feesUsd = plus(this.#feesUsd, fill.feeUsd ?? ZERO);
  }

  /** Adds an allocation row whose sell fill is one of the order's fills. */
  addAllocation(allocation: Allocation): void {
    this.#pnlUsd = plus(this.#pnlUsd, allocation.pnlUsd);
    this.#costBasisUsd = plus(this.#costBasisUsd, allocation.costBasisUsd);
    this.#proceedsUsd = plus(this.#proceedsUsd, allocation.proceedsUsd);
    this.#netProceedsUsd = plus(this.#netProceedsUsd, allocation.netProceedsUsd);
  }

  /**
   * The order's aggregates; `remainingOf` gives what is left of the lot a buy fill opened (undefined
   * when nothing is: the lot is used up, or it moved to another account by transfer).
   */
  aggregates(remainingOf: (buyFillId: string) => Decimal | undefined): OrderAggregates {
    const side = this.#side ?? 'BUY';
    const sell = side === 'SELL';
    let remainingSize: Decimal | null = null;
    if (!sell) {
      remainingSize = ZERO;
      for (const id of this.#fillIds) remainingSize = plus(remainingSize, remainingOf(id) ?? ZERO);
    }
    return {
      tradeRecordId: this.tradeRecordId,
      side,
      filledSize: this.#filledSize,
      avgFillPrice: this.#filledSize.isZero() ? null : this.#notional.dividedBy(this.#filledSize),
      totalFeesUsd: this.#feesUsd,
      firstFillAt: new Date(this.#firstFillMs),
      pnlUsd: sell ? this.#pnlUsd : null,
      costBasisUsd: sell ? this.#costBasisUsd : null,
      saleProceedsUsd: sell ? this.#proceedsUsd : null,
      netSaleProceedsUsd: sell ? this.#netProceedsUsd : null,
      remainingSize,
    };
  }
}
