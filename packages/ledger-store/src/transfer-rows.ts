// The `transfers` table as the engine reads it, and which accounts' books of an asset transfers link:
// those books are one unit of the ledger (a transfer moves lots between them), locked and recomputed
// together.
import { dec } from '@hookline/core';
import type { Prisma, Transfer } from '@hookline/db';
import type { LedgerTransfer } from '@hookline/ledger';
import { type BookKey, bookId } from './book-key.js';

/** A stored transfer as the engine consumes it. */
export function toLedgerTransfer(row: Transfer): LedgerTransfer {
  return {
    id: row.id,
    fromAccount: row.fromAccount,
    toAccount: row.toAccount,
    asset: row.asset,
    quantity: dec(row.quantity.toString()),
    feeQuantity: dec(row.feeQuantity.toString()),
    feePriceUsd: row.feePriceUsd === null ? null : dec(row.feePriceUsd.toString()),
    executedAt: row.executedAt,
    sequence: row.arrivalSeq,
  };
}

/** Every account whose book of `asset` is linked to one of `accounts` by transfers (them included), sorted. */
export async function linkedAccounts(
  tx: Prisma.TransactionClient,
  asset: string,
  accounts: readonly string[],
): Promise<string[]> {
  const rows = await tx.transfer.findMany({
    where: { asset },
    select: { fromAccount: true, toAccount: true },
    distinct: ['fromAccount', 'toAccount'],
  });
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

/** Takes the advisory lock of each book, in sorted order (the order every writer uses). */
export async function lockBooks(tx: Prisma.TransactionClient, books: readonly BookKey[]): Promise<void> {
  const ids = books.map(bookId).sort();
  for (const id of ids) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ledger:${id}`}))`;
}

/** The transfers of `asset` among `accounts`, in processing order. */
export async function loadTransfers(
  tx: Prisma.TransactionClient,
  asset: string,
  accounts: readonly string[],
): Promise<LedgerTransfer[]> {
  const rows = await tx.transfer.findMany({
    where: { asset, fromAccount: { in: [...accounts] }, toAccount: { in: [...accounts] } },
    orderBy: [{ executedAt: 'asc' }, { arrivalSeq: 'asc' }],
  });
  return rows.map(toLedgerTransfer);
}
