// Reads of one FIFO book's stored rows through a SqlRunner (Prisma's transaction or a raw pg
// connection alike). Decimals are selected as text, the exact form both clients return unchanged.
import type { FifoAllocation, Fill } from '@hookline/db';
import { type BookKey, bookId } from './book-key.js';
import type { SqlRunner } from './sql-runner.js';

type DecimalLike = { toString(): string };
type FillDecimals = 'price' | 'size' | 'fee';

/** A stored fill as the ledger reads it (a Prisma `Fill` is one too). */
export type StoredFill = Pick<
  Fill,
  | 'id'
  | 'account'
  | 'exchange'
  | 'tradeId'
  | 'orderId'
  | 'tradeRecordId'
  | 'symbol'
  | 'side'
  | 'feeCurrency'
  | 'executedAt'
  | 'arrivalSeq'
> &
  Record<FillDecimals, DecimalLike> & { readonly feeUsd: DecimalLike | null };

type AllocationDecimals =
  | 'allocatedSize'
  | 'buyPrice'
  | 'sellPrice'
  | 'buyFeesPerUnit'
  | 'sellFeesPerUnit'
  | 'buyFeeUsd'
  | 'sellFeeUsd'
  | 'costBasisUsd'
  | 'proceedsUsd'
  | 'netProceedsUsd'
  | 'pnlUsd';

/** A stored allocation as the ledger reads it (a Prisma `FifoAllocation` is one too). */
export type StoredAllocation = Omit<FifoAllocation, AllocationDecimals | 'id' | 'createdAt'> &
  Record<AllocationDecimals, DecimalLike>;

/** Every fill of a book (all symbols whose base is the book's asset), in processing order. */
export async function loadBookFills(run: SqlRunner, book: BookKey): Promise<StoredFill[]> {
  return await loadAssetFills(run, book.asset, [book.account]);
}

/**
 * The ids (bookId) of those of `books` that hold any stored fill, in one statement. starts_with, not a
 * range of the index: a range on text follows the database's collation, which may not order "/" as C does.
 */
export async function booksWithFills(run: SqlRunner, books: readonly BookKey[]): Promise<Set<string>> {
  if (books.length === 0) return new Set();
  const rows = await run<{ account: string; asset: string }>(
    `SELECT b.account, b.asset FROM unnest($1::text[], $2::text[]) AS b(account, asset)
     WHERE EXISTS (SELECT 1 FROM fills f
                   WHERE f.account = b.account AND starts_with(f.symbol, b.asset || '/'))`,
    [books.map((book) => book.account), books.map((book) => book.asset)],
  );
  return new Set(rows.map((row) => bookId(row)));
}

/** Every fill of `asset` in any of `accounts` (books that transfers link), in processing order. */
export async function loadAssetFills(
  run: SqlRunner,
  asset: string,
  accounts: readonly string[],
): Promise<StoredFill[]> {
  const rows = await run<Omit<StoredFill, 'arrivalSeq'> & { arrivalSeq: string }>(
    `SELECT id, account, exchange, trade_id AS "tradeId", order_id AS "orderId",
       trade_record_id AS "tradeRecordId", symbol, side::text AS side, price::text AS price,
       size::text AS size, fee::text AS fee, fee_currency AS "feeCurrency", fee_usd::text AS "feeUsd",
       executed_at AS "executedAt", arrival_seq::text AS "arrivalSeq"
     FROM fills WHERE account = ANY($1::text[]) AND starts_with(symbol, $2)
     ORDER BY executed_at, arrival_seq`,
    [[...accounts], `${asset}/`],
  );
  return rows.map((row) => ({ ...row, arrivalSeq: BigInt(row.arrivalSeq) }));
}

/** Every stored allocation of a book. */
export async function loadBookAllocations(run: SqlRunner, book: BookKey): Promise<StoredAllocation[]> {
  return await run<StoredAllocation>(
    `SELECT account, symbol, asset, kind::text AS kind, sell_fill_id AS "sellFillId",
       transfer_id AS "transferId", lot_transfer_id AS "lotTransferId", lot_slice_index AS "lotSliceIndex",
       slice_index AS "sliceIndex", buy_fill_id AS "buyFillId", sell_order_id AS "sellOrderId",
       buy_order_id AS "buyOrderId", allocated_size::text AS "allocatedSize", buy_price::text AS "buyPrice",
       sell_price::text AS "sellPrice", buy_fees_per_unit::text AS "buyFeesPerUnit",
       sell_fees_per_unit::text AS "sellFeesPerUnit", buy_fee_usd::text AS "buyFeeUsd",
       sell_fee_usd::text AS "sellFeeUsd", cost_basis_usd::text AS "costBasisUsd",
       proceeds_usd::text AS "proceedsUsd", net_proceeds_usd::text AS "netProceedsUsd",
       pnl_usd::text AS "pnlUsd", buy_time AS "buyTime", sell_time AS "sellTime", term::text AS term
     FROM fifo_allocations WHERE account = $1 AND asset = $2`,
    [book.account, book.asset],
  );
}
