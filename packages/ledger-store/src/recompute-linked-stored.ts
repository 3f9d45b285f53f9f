// `ledger recompute` for books that transfers link: one transaction under all their locks, and per
// book whether its rows changed.
import type { PrismaClient } from '@hookline/db';
import { type LedgerOptions, toAllocationRecord } from '@hookline/ledger';
import type { BookKey } from './book-key.js';
import type { RecomputedBook } from './book-results.js';
import { recomputeLinkedBooks } from './recompute-linked-books.js';
import { toAllocation } from './row-mapping.js';
import { prismaRunner } from './sql-runner.js';
import { linkedAccounts, lockBooks } from './transfer-rows.js';

/** Recomputes the books linked to `book` and returns one result per book; undefined when not linked. */
export async function recomputeIfLinked(
  prisma: PrismaClient,
  book: BookKey,
  options: LedgerOptions,
): Promise<RecomputedBook[] | undefined> {
  return await prisma.$transaction(
    async (tx) => {
      const run = prismaRunner(tx);
      const accounts = await linkedAccounts(run, book.asset, [book.account]);
      if (accounts.length < 2) return undefined;
      await lockBooks(
        run,
        accounts.map((account) => ({ account, asset: book.asset })),
      );
      const rows = await tx.fifoAllocation.findMany({
        where: { asset: book.asset, account: { in: accounts } },
      });
      const before = rows.map((row) => toAllocation(row));
      const result = await recomputeLinkedBooks(run, book.asset, accounts, options);
      return accounts.map((account) => {
        const text = (list: readonly Parameters<typeof toAllocationRecord>[0][]) =>
          list
            .filter((row) => row.account === account)
            .map((row) => JSON.stringify(toAllocationRecord(row)))
            .sort();
        const [old, now] = [text(before), text(result.allocations)];
        const changed = old.length !== now.length || old.some((row, index) => row !== now[index]);
        return { book: { account, asset: book.asset }, allocations: now.length, changed };
      });
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
