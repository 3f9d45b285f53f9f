// The `transfers` table as the engine reads it, and which accounts' books of an asset transfers link:
// those books are one unit of the ledger (a transfer moves lots between them), locked and recomputed
// together.
import { dec } from '@hookline/core';
import type { LedgerTransfer } from '@hookline/ledger';
import { type BookKey, bookId } from './book-key.js';
import type { SqlRunner } from './sql-runner.js';

/** A stored transfer row as read through a SqlRunner (decimals as exact text). */
interface TransferRow {
  readonly id: string;
  readonly fromAccount: string;
  readonly toAccount: string;
  readonly asset: string;
  readonly quantity: string;
  readonly feeQuantity: string;
  readonly feePriceUsd: string | null;
  readonly executedAt: Date;
  readonly arrivalSeq: string;
}

/** A stored transfer as the engine consumes it. */
export function toLedgerTransfer(row: TransferRow): LedgerTransfer {
  return {
    id: row.id,
    fromAccount: row.fromAccount,
    toAccount: row.toAccount,
    asset: row.asset,
    quantity: dec(row.quantity),
    feeQuantity: dec(row.feeQuantity),
    feePriceUsd: row.feePriceUsd === null ? null : dec(row.feePriceUsd),
    executedAt: row.executedAt,
    sequence: BigInt(row.arrivalSeq),
  };
}

/** Every account whose book of `asset` is linked to one of `accounts` by transfers (them included), sorted. */
export async function linkedAccounts(
  run: SqlRunner,
  asset: string,
  accounts: readonly string[],
): Promise<string[]> {
  const rows = await run<{ fromAccount: string; toAccount: string }>(
    'SELECT DISTINCT from_account AS "fromAccount", to_account AS "toAccount" FROM transfers WHERE asset = $1',
    [asset],
  );
  const found = new Set(accounts);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of rows) {
      const [a, b] = [found.has(row.fromAccount), found.has(row.toAccount)];
      if (a !== b) {
        found.add(a ? row.toAccount : row.fromAccount);
        grew = true;
      }
    }
  }
  return [...found].sort();
}

/** True when any of `books` is an end of a stored transfer (its account moved that asset in or out). */
export async function anyBookLinked(run: SqlRunner, books: readonly BookKey[]): Promise<boolean> {
  if (books.length === 0) return false;
  const rows = await run<{ linked: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM transfers t
       JOIN unnest($1::text[], $2::text[]) AS b(account, asset)
         ON t.asset = b.asset AND (t.from_account = b.account OR t.to_account = b.account)
     ) AS linked`,
    [books.map((book) => book.account), books.map((book) => book.asset)],
  );
  return rows[0]?.linked === true;
}

/** Takes the advisory lock of each book, in sorted order (the order every writer uses). */
export async function lockBooks(run: SqlRunner, books: readonly BookKey[]): Promise<void> {
  const ids = books.map(bookId).sort();
  for (const id of ids)
    await run('SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext($1))', [`ledger:${id}`]);
}

/** The transfers of `asset` among `accounts`, in processing order. */
export async function loadTransfers(
  run: SqlRunner,
  asset: string,
  accounts: readonly string[],
): Promise<LedgerTransfer[]> {
  const rows = await run<TransferRow>(
    `SELECT id, from_account AS "fromAccount", to_account AS "toAccount", asset, quantity::text AS quantity,
       fee_quantity::text AS "feeQuantity", fee_price_usd::text AS "feePriceUsd", executed_at AS "executedAt",
       arrival_seq::text AS "arrivalSeq"
     FROM transfers WHERE asset = $1 AND from_account = ANY($2::text[]) AND to_account = ANY($2::text[])
     ORDER BY executed_at, arrival_seq`,
    [asset, [...accounts]],
  );
  return rows.map(toLedgerTransfer);
}
