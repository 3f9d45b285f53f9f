// An allocation as the public fifo_allocations columns with decimals as strings: the JSON form of
// `tax report` and anything else that leaves the process (JSON has no decimal type).
import { toPlainString } from '@hookline/core';
import type { Allocation, AllocationKind, Term } from './types.js';

/** One fifo_allocations row in snake_case with exact decimal strings and ISO-8601 UTC times. */
export interface AllocationRecord {
  readonly account: string;
  readonly symbol: string;
  readonly asset: string;
  readonly kind: AllocationKind;
  readonly sell_fill_id: string;
  readonly slice_index: number;
  readonly buy_fill_id: string | null;
  readonly sell_order_id: string | null;
  readonly buy_order_id: string | null;
  readonly allocated_size: string;
  readonly buy_price: string;
  readonly sell_price: string;
  readonly buy_fees_per_unit: string;
  readonly sell_fees_per_unit: string;
  readonly buy_fee_usd: string;
  readonly sell_fee_usd: string;
  readonly cost_basis_usd: string;
  readonly proceeds_usd: string;
  readonly net_proceeds_usd: string;
  readonly pnl_usd: string;
  readonly buy_time: string | null;
  readonly sell_time: string;
  readonly term: Term | null;
}

/** The row's public form; nothing is rounded. */
export function toAllocationRecord(allocation: Allocation): AllocationRecord {
  return {
    account: allocation.account,
    symbol: allocation.symbol,
    asset: allocation.asset,
    kind: allocation.kind,
    sell_fill_id: allocation.sellFillId,
    slice_index: allocation.sliceIndex,
    buy_fill_id: allocation.buyFillId,
    sell_order_id: allocation.sellOrderId,
    buy_order_id: allocation.buyOrderId,
    allocated_size: toPlainString(allocation.allocatedSize),
    buy_price: toPlainString(allocation.buyPrice),
    sell_price: toPlainString(allocation.sellPrice),
    buy_fees_per_unit: toPlainString(allocation.buyFeesPerUnit),
    sell_fees_per_unit: toPlainString(allocation.sellFeesPerUnit),
    buy_fee_usd: toPlainString(allocation.buyFeeUsd),
    sell_fee_usd: toPlainString(allocation.sellFeeUsd),
    cost_basis_usd: toPlainString(allocation.costBasisUsd),
    proceeds_usd: toPlainString(allocation.proceedsUsd),
    net_proceeds_usd: toPlainString(allocation.netProceedsUsd),
    pnl_usd: toPlainString(allocation.pnlUsd),
    buy_time: allocation.buyTime?.toISOString() ?? null,
    sell_time: allocation.sellTime.toISOString(),
    term: allocation.term,
  };
}
