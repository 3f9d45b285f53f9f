// The COPY lines of `fills` and `fifo_allocations` rows, with their column lists: every COPY of these
// tables (the bulk import, and the pg connection's inserts of the general path) renders rows here.
import type { Decimal } from '@hookline/core';
import type { Allocation } from '@hookline/ledger';
import { decimalField } from './copy-lines.js';
import { copyField } from './copy-rows.js';
import type { FillInsert } from './fill-insert.js';
import type { CopyValue } from './sql-runner.js';

const field = (value: CopyValue | undefined) => copyField(value ?? null);

/** The columns fillLine renders, in order (arrival_seq last, when the caller draws it). */
export const FILL_COLUMNS = `id, account, exchange, trade_id, order_id, client_order_id, trade_record_id, symbol, side, price,
       size, fee, fee_currency, fee_usd, fee_unvalued, liquidity, executed_at, received_at, ingest_via`;

/** A fills row; arrival_seq only when `arrivalSeq` is given (else the column's default applies). */
export function fillLine(id: string | null, row: FillInsert, arrivalSeq?: bigint): string {
  const fields = [
    field(id),
    field(row.account),
    field(row.exchange),
    field(row.tradeId),
    field(row.orderId),
    field(row.clientOrderId),
    field(row.tradeRecordId),
    field(row.symbol),
    field(row.side),
    field(row.price),
    field(row.size),
    field(row.fee),
    field(row.feeCurrency),
    field(row.feeUsd),
    field(row.feeUnvalued),
    field(row.liquidity),
    field(row.executedAt),
    field(row.receivedAt),
    field(row.ingestVia),
  ];
  if (arrivalSeq !== undefined) fields.push(String(arrivalSeq));
  return fields.join('\t');
}

/** The columns allocationLine renders, in order. */
export const ALLOCATION_COLUMNS = `id, account, symbol, asset, kind, sell_fill_id, slice_index, buy_fill_id, sell_order_id,
       buy_order_id, allocated_size, buy_price, sell_price, buy_fees_per_unit, sell_fees_per_unit, buy_fee_usd,
       sell_fee_usd, cost_basis_usd, proceeds_usd, net_proceeds_usd, pnl_usd, buy_time, sell_time, term,
       transfer_id, lot_transfer_id, lot_slice_index`;

/**
 * A fifo_allocations row. Its id is `<sell fill id>:<slice index>` (a transfer's rows:
 * `transfer:<transfer id>:<slice index>`), as insertAllocations names them; a transfer's rows name the
 * transfer, not a fill.
 */
export function allocationLine(row: Allocation, decimal: (value: Decimal) => string = decimalField): string {
  const transferId = row.transferId ?? null;
  return [
    field(`${transferId ? `transfer:${transferId}` : row.sellFillId}:${row.sliceIndex}`),
    field(row.account),
    field(row.symbol),
    field(row.asset),
    field(row.kind),
    field(transferId ? null : row.sellFillId),
    field(row.sliceIndex),
    field(row.buyFillId),
    field(row.sellOrderId),
    field(row.buyOrderId),
    decimal(row.allocatedSize),
    decimal(row.buyPrice),
    decimal(row.sellPrice),
    decimal(row.buyFeesPerUnit),
    decimal(row.sellFeesPerUnit),
    decimal(row.buyFeeUsd),
    decimal(row.sellFeeUsd),
    decimal(row.costBasisUsd),
    decimal(row.proceedsUsd),
    decimal(row.netProceedsUsd),
    decimal(row.pnlUsd),
    field(row.buyTime),
    field(row.sellTime),
    field(row.term),
    field(transferId),
    field(row.lotTransferId),
    field(row.lotSliceIndex),
  ].join('\t');
}
