// The bulk path's inserts of fills and allocation rows by COPY (the raw pg connection only). Fills: the
// batch's keys are staged by COPY and anti-joined against the stored fills under the books' advisory
// locks, and only the new fills are streamed into `fills` (first occurrence wins within the batch, as
// ON CONFLICT DO NOTHING in input order did). COPY into the real table lets the server insert rows in
// batches; an INSERT ... SELECT from a staging table would pay the per-row executor path again.
import { randomUUID } from 'node:crypto';
import { type Decimal, toPlainString } from '@hookline/core';
import type { Allocation } from '@hookline/ledger';
import type { FillInsert } from './fill-insert.js';
import type { CopyRows, CopyValue, SqlRunner } from './sql-runner.js';

/** `items` mapped one at a time as they are read. */
export function* lazyMap<T>(items: readonly T[], map: (item: T, index: number) => readonly CopyValue[]) {
  for (let index = 0; index < items.length; index += 1) yield map(items[index] as T, index);
}

let stages = 0;

/** A fresh temporary table with `columns`, dropped at the end of the transaction. */
export async function stageTable(run: SqlRunner, columns: string): Promise<string> {
  stages += 1;
  const name = `ledger_stage_${stages}`;
  await run(`CREATE TEMP TABLE ${name} (${columns}) ON COMMIT DROP`);
  return name;
}

/** Inserts the fills not stored yet, in input order; returns the ids of the rows inserted now. */
export async function copyFills(
  run: SqlRunner,
  copy: CopyRows,
  rows: readonly FillInsert[],
): Promise<string[]> {
  const fresh = (await freshFillIndexes(run, copy, rows)).map((index) => rows[index] as FillInsert);
  const ids = fresh.map(() => randomUUID()); // the same form as gen_random_uuid()::text
  await copyFillRows(copy, fresh, ids);
  return ids;
}

/**
 * The positions of the fills not stored yet (same account, exchange and trade id), in input order; the
 * first occurrence wins within the batch, as ON CONFLICT DO NOTHING in input order did.
 */
export async function freshFillIndexes(
  run: SqlRunner,
  copy: CopyRows,
  rows: readonly { readonly account: string; readonly exchange: string; readonly tradeId: string }[],
): Promise<number[]> {
  const stage = await stageTable(run, 'position integer, account text, exchange text, trade_id text');
  await copy(
    `${stage} (position, account, exchange, trade_id)`,
    lazyMap(rows, (row, index) => [index, row.account, row.exchange, row.tradeId]),
  );
  const stored = await run<{ position: number }>(
    `SELECT s.position FROM ${stage} s
     WHERE EXISTS (SELECT 1 FROM fills f
                   WHERE f.account = s.account AND f.exchange = s.exchange AND f.trade_id = s.trade_id)`,
  );
  const skip = new Set(stored.map((row) => row.position));
  const seen = new Set<string>();
  const fresh: number[] = [];
  rows.forEach((row, index) => {
    const key = `${row.account}\u0000${row.exchange}\u0000${row.tradeId}`;
    if (skip.has(index) || seen.has(key)) return;
    seen.add(key);
    fresh.push(index);
  });
  return fresh;
}

/**
 * Streams `rows` into `fills` with `ids`. arrival_seq is `arrivalSeqs` when given (values the caller
 * drew from the column's sequence), else the column's default, drawn in the order COPY reads the rows.
 */
export async function copyFillRows(
  copy: CopyRows,
  rows: readonly FillInsert[],
  ids: readonly string[],
  arrivalSeqs?: readonly bigint[],
): Promise<void> {
  const columns = `id, account, exchange, trade_id, order_id, client_order_id, trade_record_id, symbol, side, price,
       size, fee, fee_currency, fee_usd, fee_unvalued, liquidity, executed_at, received_at, ingest_via`;
  await copy(
    `fills (${columns}${arrivalSeqs ? ', arrival_seq' : ''})`,
    lazyMap(rows, (row, at) => {
      const line: CopyValue[] = [
        ids[at] ?? null,
        row.account,
        row.exchange,
        row.tradeId,
        row.orderId,
        row.clientOrderId,
        row.tradeRecordId,
        row.symbol,
        row.side,
        row.price,
        row.size,
        row.fee,
        row.feeCurrency,
        row.feeUsd,
        row.feeUnvalued,
        row.liquidity,
        row.executedAt,
        row.receivedAt,
        row.ingestVia,
      ];
      if (arrivalSeqs) line.push(String(arrivalSeqs[at]));
      return line;
    }),
  );
}

/** Streams allocation rows into fifo_allocations (ids as insertAllocations names them). */
export async function copyAllocations(copy: CopyRows, rows: readonly Allocation[]): Promise<void> {
  const text = (value: Decimal) => toPlainString(value);
  await copy(
    `fifo_allocations (id, account, symbol, asset, kind, sell_fill_id, slice_index, buy_fill_id, sell_order_id,
       buy_order_id, allocated_size, buy_price, sell_price, buy_fees_per_unit, sell_fees_per_unit, buy_fee_usd,
       sell_fee_usd, cost_basis_usd, proceeds_usd, net_proceeds_usd, pnl_usd, buy_time, sell_time, term,
       transfer_id, lot_transfer_id, lot_slice_index)`,
    lazyMap(rows, (row) => [
      `${row.transferId ? `transfer:${row.transferId}` : row.sellFillId}:${row.sliceIndex}`,
      row.account,
      row.symbol,
      row.asset,
      row.kind,
      row.transferId ? null : row.sellFillId,
      row.sliceIndex,
      row.buyFillId,
      row.sellOrderId,
      row.buyOrderId,
      text(row.allocatedSize),
      text(row.buyPrice),
      text(row.sellPrice),
      text(row.buyFeesPerUnit),
      text(row.sellFeesPerUnit),
      text(row.buyFeeUsd),
      text(row.sellFeeUsd),
      text(row.costBasisUsd),
      text(row.proceedsUsd),
      text(row.netProceedsUsd),
      text(row.pnlUsd),
      row.buyTime,
      row.sellTime,
      row.term,
      row.transferId ?? null,
      row.lotTransferId ?? null,
      row.lotSliceIndex ?? null,
    ]),
  );
}
