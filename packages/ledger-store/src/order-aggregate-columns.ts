// The aggregate columns of an order (trade_records), as computed and as written.
import type { Decimal } from '@hookline/core';
import { decimalField } from './copy-lines.js';

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

/** The aggregate columns as COPY lists them; `aggregateFields` renders a row's values in this order. */
export const AGGREGATE_COLUMNS =
  'filled_size, avg_fill_price, total_fees_usd, pnl_usd, cost_basis_usd, sale_proceeds_usd, net_sale_proceeds_usd, remaining_size';

/** A row's aggregates as COPY fields (tab-separated), in the order of AGGREGATE_COLUMNS. */
export function aggregateFields(row: OrderAggregates): string {
  return (
    `${decimalField(row.filledSize)}\t${decimalField(row.avgFillPrice)}\t${decimalField(row.totalFeesUsd)}\t` +
    `${decimalField(row.pnlUsd)}\t${decimalField(row.costBasisUsd)}\t${decimalField(row.saleProceedsUsd)}\t` +
    `${decimalField(row.netSaleProceedsUsd)}\t${decimalField(row.remainingSize)}`
  );
}
