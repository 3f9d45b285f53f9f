// Conversions between stored rows (Prisma models of `fills` and `fifo_allocations`) and the pure
// engine's shapes. Decimals cross as exact strings: Prisma's Decimal and ours are separate decimal.js
// copies, and a string is the one form both read without loss.
import { dec, toPlainString } from '@hookline/core';
import type { Prisma } from '@hookline/db';
import type { Allocation, LedgerFill } from '@hookline/ledger';
import type { StoredAllocation, StoredFill } from './book-rows.js';

/** A stored fill as the engine consumes it. */
export function toLedgerFill(row: StoredFill): LedgerFill {
  return {
    id: row.id,
    account: row.account,
    exchange: row.exchange,
    tradeId: row.tradeId,
    orderId: row.orderId,
    symbol: row.symbol,
    side: row.side === 'BUY' ? 'buy' : 'sell',
    price: dec(row.price.toString()),
    size: dec(row.size.toString()),
    fee: dec(row.fee.toString()),
    feeCurrency: row.feeCurrency,
    // Only a third-asset fee needs its stored value; the engine values quote and base fees itself.
    feeUsd: row.feeUsd === null ? null : dec(row.feeUsd.toString()),
    executedAt: row.executedAt,
    sequence: row.arrivalSeq,
  };
}

/** An engine allocation as a `fifo_allocations` insert. */
export function toAllocationInput(allocation: Allocation): Prisma.FifoAllocationCreateManyInput {
  return {
    account: allocation.account,
    symbol: allocation.symbol,
    asset: allocation.asset,
    kind: allocation.kind,
    // A transfer's rows name the transfer, not a fill.
    sellFillId: allocation.transferId ? null : allocation.sellFillId,
    transferId: allocation.transferId ?? null,
    lotTransferId: allocation.lotTransferId ?? null,
    lotSliceIndex: allocation.lotSliceIndex ?? null,
    sliceIndex: allocation.sliceIndex,
    buyFillId: allocation.buyFillId,
    sellOrderId: allocation.sellOrderId,
    buyOrderId: allocation.buyOrderId,
    allocatedSize: toPlainString(allocation.allocatedSize),
    buyPrice: toPlainString(allocation.buyPrice),
    sellPrice: toPlainString(allocation.sellPrice),
    buyFeesPerUnit: toPlainString(allocation.buyFeesPerUnit),
    sellFeesPerUnit: toPlainString(allocation.sellFeesPerUnit),
    buyFeeUsd: toPlainString(allocation.buyFeeUsd),
    sellFeeUsd: toPlainString(allocation.sellFeeUsd),
    costBasisUsd: toPlainString(allocation.costBasisUsd),
    proceedsUsd: toPlainString(allocation.proceedsUsd),
    netProceedsUsd: toPlainString(allocation.netProceedsUsd),
    pnlUsd: toPlainString(allocation.pnlUsd),
    buyTime: allocation.buyTime,
    sellTime: allocation.sellTime,
    term: allocation.term,
  };
}

/** A stored allocation as the engine's shape (for verify, state rebuilds and reports). */
export function toAllocation(row: StoredAllocation): Allocation {
  const d = (value: { toString(): string }) => dec(value.toString());
  return {
    account: row.account,
    symbol: row.symbol,
    asset: row.asset,
    kind: row.kind,
    sellFillId: row.sellFillId ?? row.transferId ?? '',
    ...(row.transferId ? { transferId: row.transferId } : {}),
    ...(row.lotTransferId ? { lotTransferId: row.lotTransferId, lotSliceIndex: row.lotSliceIndex } : {}),
    sliceIndex: row.sliceIndex,
    buyFillId: row.buyFillId,
    sellOrderId: row.sellOrderId,
    buyOrderId: row.buyOrderId,
    allocatedSize: d(row.allocatedSize),
    buyPrice: d(row.buyPrice),
    sellPrice: d(row.sellPrice),
    buyFeesPerUnit: d(row.buyFeesPerUnit),
    sellFeesPerUnit: d(row.sellFeesPerUnit),
    buyFeeUsd: d(row.buyFeeUsd),
    sellFeeUsd: d(row.sellFeeUsd),
    costBasisUsd: d(row.costBasisUsd),
    proceedsUsd: d(row.proceedsUsd),
    netProceedsUsd: d(row.netProceedsUsd),
    pnlUsd: d(row.pnlUsd),
    buyTime: row.buyTime,
    sellTime: row.sellTime,
    term: row.term,
  };
}
