// The COPY lines of `fills` and `fifo_allocations` rows, with their column lists: every COPY of these
// tables (the bulk import, and the pg connection's inserts of the general path) renders rows here.
import type { Allocation } from '@hookline/ledger';
import { FRESH_FIELDS, type RepeatedFields } from './copy-lines.js';
import { copyField } from './copy-rows.js';
import type { FillInsert } from './fill-insert.js';
import type { CopyValue } from './sql-runner.js';

const field = (value: CopyValue | undefined) => copyField(value ?? null);

/** The columns fillLine renders, in order (arrival_seq last, when the caller draws it). */
export const FILL_COLUMNS = `id, account, exchange, trade_id, order_id, client_order_id, trade_record_id, symbol, side, price,
       size, fee, fee_currency, fee_usd, fee_unvalued, liquidity, executed_at, received_at, ingest_via`;

/**
 * A fills row; arrival_seq only when `arrivalSeq` is given (else the column's default applies). Text
 * that came in is escaped; decimals (already digits), flags and timestamps need no escaping.
 */
export function fillLine(
  id: string | null,
  row: FillInsert,
  arrivalSeq?: bigint,
  repeated: RepeatedFields = FRESH_FIELDS,
): string {
  // Joined, not concatenated: a join makes one flat string, where `+` leaves a tree of pieces.
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
    row.price,
    row.size,
    row.fee,
    field(row.feeCurrency),
    row.feeUsd ?? '\\N',
    row.feeUnvalued ? 't' : 'f',
    field(row.liquidity),
    repeated.time(row.executedAt),
    repeated.time(row.receivedAt),
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
 * transfer, not a fill. `repeated` renders the prices and fees per unit and the times, which repeat
 * their fills' and lots' values from row to row (a caller may keep their text); every other decimal is
 * the row's own.
 */
export function allocationLine(row: Allocation, repeated: RepeatedFields = FRESH_FIELDS): string {
  const transferId = row.transferId ?? null;
  const decimal = FRESH_FIELDS.decimal;
  const perUnit = repeated.decimal;
  return [
    field(`${transferId ? `transfer:${transferId}` : row.sellFillId}:${row.sliceIndex}`),
    field(row.account),
    field(row.symbol),
    field(row.asset),
    field(row.kind),
    field(transferId ? null : row.sellFillId),
    String(row.sliceIndex),
    field(row.buyFillId),
    field(row.sellOrderId),
    field(row.buyOrderId),
    decimal(row.allocatedSize),
    perUnit(row.buyPrice),
    perUnit(row.sellPrice),
    perUnit(row.buyFeesPerUnit),
    perUnit(row.sellFeesPerUnit),
    decimal(row.buyFeeUsd),
    decimal(row.sellFeeUsd),
    decimal(row.costBasisUsd),
    decimal(row.proceedsUsd),
    decimal(row.netProceedsUsd),
    decimal(row.pnlUsd),
    row.buyTime === null ? '\\N' : repeated.time(row.buyTime),
    repeated.time(row.sellTime),
    field(row.term),
    field(transferId),
    field(row.lotTransferId),
    field(row.lotSliceIndex),
  ].join('\t');
}
