// `ledger recompute`: rebuilds the allocations of each book from its fills (the same engine as the
// incremental path, so an intact ledger comes out identical) and rewrites the order aggregates.
import type { PrismaClient } from '@hookline/db';
import { type LedgerOptions, toAllocationRecord } from '@hookline/ledger';
import { bookId, distinctBooks } from './book-key.js';
import type { RecomputedBook } from './book-results.js';
import { loadBookFills } from './book-rows.js';
import { computeOrderAggregates, writeOrderAggregates } from './order-aggregates.js';
import { recomputeBook } from './reallocate-book.js';
import { recomputeIfLinked } from './recompute-linked-stored.js';
import { toAllocation, toLedgerFill } from './row-mapping.js';
import { prismaRunner } from './sql-runner.js';
import type { LedgerScope } from './stored-ledger.js';

/** Recomputes every book in scope, each in its own transaction under the book's lock. */
export async function recomputeStoredLedger(
  prisma: PrismaClient,
  options: { scope?: LedgerScope; ledger?: LedgerOptions } = {},
): Promise<RecomputedBook[]> {
  const scope = options.scope ?? {};
  const keys = await prisma.fill.findMany({
    where: {
      ...(scope.account ? { account: scope.account } : {}),
      ...(scope.asset ? { symbol: { startsWith: `${scope.asset}/` } } : {}),
    },
    distinct: ['account', 'symbol'],
    select: { account: true, symbol: true },
  });
  const results: RecomputedBook[] = [];
  const done = new Set<string>();
  for (const book of distinctBooks(keys)) {
    if (done.has(bookId(book))) continue;
    const linked = await recomputeIfLinked(prisma, book, options.ledger ?? {});
    if (linked) {
      for (const result of linked) done.add(bookId(result.book));
      results.push(...linked);
      continue;
    }
    results.push(
      await prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ledger:${bookId(book)}`}))`;
          const before = (
            await tx.fifoAllocation.findMany({ where: { account: book.account, asset: book.asset } })
          )
            .map((row) => JSON.stringify(toAllocationRecord(toAllocation(row))))
            .sort();
          const run = prismaRunner(tx);
          const fills = await loadBookFills(run, book);
          const result = await recomputeBook(run, book, fills, fills.map(toLedgerFill), options.ledger ?? {});
          await writeOrderAggregates(
            run,
            computeOrderAggregates(fills, result.allocations, result.lots),
            new Set(),
          );
          const after = result.allocations
            .map((allocation) => JSON.stringify(toAllocationRecord(allocation)))
            .sort();
          const changed = before.length !== after.length || before.some((row, index) => row !== after[index]);
          return { book, allocations: result.allocations.length, changed };
        },
        { timeout: 30 * 60_000, maxWait: 60_000 },
      ),
    );
  }
  return results;
}
