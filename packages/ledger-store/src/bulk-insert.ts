// Bulk inserts as one `INSERT ... SELECT FROM unnest(arrays)` per chunk. Prisma's createMany compiles
// and serialises every row in JavaScript, which made imports CPU-bound (under 1,000 fills/s); one
// statement with array parameters moves the same rows at database speed, exactly (decimals as text).

import { type Decimal, toPlainString } from '@hookline/core';
import type { Allocation } from '@hookline/ledger';
import { copyAllocations, copyFills } from './copy-inserts.js';
import type { FillInsert } from './fill-insert.js';
import type { SqlRunner } from './sql-runner.js';

const CHUNK = 5_000;

/**
 * Inserts fills in input order (arrival_seq follows it) and skips those already stored (same account,
 * exchange, trade id). Returns the ids of the rows inserted now.
 */
export async function insertFills(run: SqlRunner, rows: readonly FillInsert[]): Promise<string[]> {
  if (run.copy) return await copyFills(run, run.copy, rows);
  const inserted: string[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const column = <T>(pick: (row: FillInsert) => T) => chunk.map(pick);
    const result = await run<{ id: string }>(
      `INSERT INTO fills (id, account, exchange, trade_id, order_id, client_order_id, trade_record_id, symbol, side,
         price, size, fee, fee_currency, fee_usd, fee_unvalued, liquidity, executed_at, received_at, ingest_via)
       SELECT gen_random_uuid()::text, v.account, v.exchange, v.trade_id, v.order_id, v.client_order_id,
         v.trade_record_id, v.symbol, v.side::side, v.price::numeric, v.size::numeric, v.fee::numeric,
         v.fee_currency, v.fee_usd::numeric, v.fee_unvalued, v.liquidity::liquidity, v.executed_at,
         v.received_at, v.ingest_via::ingest_via
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[], $15::text[],
                   $16::timestamptz[], $17::timestamptz[], $18::text[])
         WITH ORDINALITY AS v(account, exchange, trade_id, order_id, client_order_id, trade_record_id, symbol, side,
                              price, size, fee, fee_currency, fee_usd, fee_unvalued, liquidity, executed_at,
                              received_at, ingest_via, position)
       ORDER BY v.position
       ON CONFLICT (account, exchange, trade_id) DO NOTHING
       RETURNING id`,
      [
        column((row) => row.account),
        column((row) => row.exchange),
        column((row) => row.tradeId),
        column((row) => row.orderId),
        column((row) => row.clientOrderId),
        column((row) => row.tradeRecordId),
        column((row) => row.symbol),
        column((row) => row.side),
        column((row) => row.price),
        column((row) => row.size),
        column((row) => row.fee),
        column((row) => row.feeCurrency),
        column((row) => row.feeUsd),
        column((row) => row.feeUnvalued),
        column((row) => row.liquidity),
        column((row) => row.executedAt),
        column((row) => row.receivedAt),
        column((row) => row.ingestVia),
      ],
    );
    for (const row of result) inserted.push(row.id);
  }
  return inserted;
}

/**
 * Inserts allocation rows. Their id is `<sell fill id>:<slice index>` (a transfer's rows:
 * `transfer:<transfer id>:<slice index>`), the row's natural key, so a recompute that reproduces the
 * ledger reproduces the ids too. A transfer's rows name the transfer, not a fill.
 */
export async function insertAllocations(run: SqlRunner, rows: readonly Allocation[]): Promise<void> {
  if (run.copy) return await copyAllocations(run.copy, rows);
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const text = (pick: (row: Allocation) => Decimal) => chunk.map((row) => toPlainString(pick(row)));
    await run(
      `INSERT INTO fifo_allocations (id, account, symbol, asset, kind, sell_fill_id, slice_index, buy_fill_id,
         sell_order_id, buy_order_id, allocated_size, buy_price, sell_price, buy_fees_per_unit, sell_fees_per_unit,
         buy_fee_usd, sell_fee_usd, cost_basis_usd, proceeds_usd, net_proceeds_usd, pnl_usd, buy_time, sell_time, term,
         transfer_id, lot_transfer_id, lot_slice_index)
       SELECT COALESCE(v.sell_fill_id, 'transfer:' || v.transfer_id) || ':' || v.slice_index, v.account, v.symbol,
         v.asset, v.kind::allocation_kind,
         v.sell_fill_id, v.slice_index, v.buy_fill_id, v.sell_order_id, v.buy_order_id, v.allocated_size::numeric,
         v.buy_price::numeric, v.sell_price::numeric, v.buy_fees_per_unit::numeric, v.sell_fees_per_unit::numeric,
         v.buy_fee_usd::numeric, v.sell_fee_usd::numeric, v.cost_basis_usd::numeric, v.proceeds_usd::numeric,
         v.net_proceeds_usd::numeric, v.pnl_usd::numeric, v.buy_time, v.sell_time, v.term::term,
         v.transfer_id, v.lot_transfer_id, v.lot_slice_index
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                   $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::timestamptz[],
                   $22::timestamptz[], $23::text[], $24::text[], $25::text[], $26::int[])
         AS v(account, symbol, asset, kind, sell_fill_id, slice_index, buy_fill_id, sell_order_id, buy_order_id,
              allocated_size, buy_price, sell_price, buy_fees_per_unit, sell_fees_per_unit, buy_fee_usd, sell_fee_usd,
              cost_basis_usd, proceeds_usd, net_proceeds_usd, pnl_usd, buy_time, sell_time, term, transfer_id,
              lot_transfer_id, lot_slice_index)`,
      [
        chunk.map((row) => row.account),
        chunk.map((row) => row.symbol),
        chunk.map((row) => row.asset),
        chunk.map((row) => row.kind),
        chunk.map((row) => (row.transferId ? null : row.sellFillId)),
        chunk.map((row) => row.sliceIndex),
        chunk.map((row) => row.buyFillId),
        chunk.map((row) => row.sellOrderId),
        chunk.map((row) => row.buyOrderId),
        text((row) => row.allocatedSize),
        text((row) => row.buyPrice),
        text((row) => row.sellPrice),
        text((row) => row.buyFeesPerUnit),
        text((row) => row.sellFeesPerUnit),
        text((row) => row.buyFeeUsd),
        text((row) => row.sellFeeUsd),
        text((row) => row.costBasisUsd),
        text((row) => row.proceedsUsd),
        text((row) => row.netProceedsUsd),
        text((row) => row.pnlUsd),
        chunk.map((row) => row.buyTime),
        chunk.map((row) => row.sellTime),
        chunk.map((row) => row.term),
        chunk.map((row) => row.transferId ?? null),
        chunk.map((row) => row.lotTransferId ?? null),
        chunk.map((row) => row.lotSliceIndex ?? null),
      ],
    );
  }
}
