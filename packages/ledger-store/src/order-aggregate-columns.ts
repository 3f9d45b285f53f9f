// The aggregate columns of an order (trade_records), as computed and as written.
import type { Decimal } from '@hookline/core';

/** The aggregate columns of one trade_records row, as its fills and allocations imply them. */
export interface OrderAggregates {
  readonly tradeRecordId: string;
  readonly side: 'BUY' | 'SELL';
  readonly filledSize: Decimal;
  readonly avgFillPrice: Decimal | null;
  readonly totalFeesUsd: Decimal;
  readonly firstFillAt: Date;
  /** Sells: sums over the allocations of the order's fills; null for buys. */
  readonly pnlUsd: Decimal | null;
  readonly costBasisUsd: Decimal | null;
  readonly saleProceedsUsd: Decimal | null;
  readonly netSaleProceedsUsd: Decimal | null;
  /** Buys: what is left of the order's lots; null for sells. */
  readonly remainingSize: Decimal | null;
}
