// The one write path of the ledger: fills in, and in the same transaction their trade_records rows,
// their FIFO allocations and the aggregates they change. The fills unique key makes a replay a no-op;
// an advisory lock per book applies the fills of one (account, asset) one transaction at a time.
import { type PrismaClient, pgPoolOf } from '@hookline/db';
import { type LedgerOptions, type LedgerWarning, resolveLedgerOptions } from '@hookline/ledger';
import { bookId, bookOf, distinctBooks } from './book-key.js';
import { insertFills } from './bulk-insert.js';
import { recordBulk } from './bulk-record.js';
import { DeferredWrites } from './deferred-writes.js';
import { fillRow } from './fill-insert.js';
import type { NewFill, UnknownOrderOrigin } from './new-fill.js';
import { computeOrderAggregates, writeOrderAggregates } from './order-aggregates.js';
import { ensureOrderRows } from './order-rows.js';
import { inPgTransaction } from './pg-transaction.js';
import { reallocateBook } from './reallocate-book.js';
import type { RecordFillsResult } from './record-fills-result.js';
import { prismaRunner, type SqlRunner } from './sql-runner.js';
import { anyBookLinked } from './transfer-rows.js';

export type { RecordFillsResult };

/** Options of recordFills: the ledger rules and who created unknown orders. */
export interface RecordFillsOptions {
  readonly ledger?: LedgerOptions;
  readonly unknownOrderOrigin?: UnknownOrderOrigin;
  /** Interactive transaction timeout (imports of many fills take long). */
  readonly timeoutMs?: number;
}

/** Records fills exactly once, with their allocations and order aggregates, in one transaction. */
export async function recordFills(
  prisma: PrismaClient,
  fills: readonly NewFill[],
  options: RecordFillsOptions = {},
): Promise<RecordFillsResult> {
  if (fills.length === 0)
    return { inserted: 0, duplicates: 0, allocations: 0, warnings: [], recomputedBooks: 0 };
  const timeout = options.timeoutMs ?? 60_000;
  const pool = pgPoolOf(prisma);
  if (pool && fills.length >= BULK_MIN_FILLS)
    return await inPgTransaction(pool, (run) => recordInTransaction(run, fills, options, true), timeout);
  return await prisma.$transaction((tx) => recordInTransaction(prismaRunner(tx), fills, options, false), {
    timeout,
    maxWait: timeout,
  });
}

/**
 * From this many fills on (imports, backfills) a server database is written through one raw pg
 * connection: the same statements, without Prisma's per-parameter work. Live batches stay on Prisma.
 */
const BULK_MIN_FILLS = 500;

async function recordInTransaction(
  run: SqlRunner,
  fills: readonly NewFill[],
  options: RecordFillsOptions,
  pipelined: boolean,
): Promise<RecordFillsResult> {
  const writes = new DeferredWrites(pipelined);
  try {
    return await recordWith(run, fills, options, writes);
  } catch (error) {
    throw (await writes.firstFailure()) ?? error;
  }
}

async function recordWith(
  run: SqlRunner,
  fills: readonly NewFill[],
  options: RecordFillsOptions,
  writes: DeferredWrites,
): Promise<RecordFillsResult> {
  const ledgerOptions = options.ledger ?? {};
  const resolved = resolveLedgerOptions(ledgerOptions);
  const books = distinctBooks(fills);
  // One statement takes the books' locks one after another, in the order of `books` (as one statement
  // per book did): the server calls the lock once per element, in the array's order.
  await run(
    `SELECT count(*)::int AS locked
     FROM unnest($1::text[]) AS book(key), LATERAL pg_advisory_xact_lock(hashtext(book.key))`,
    [books.map((book) => `ledger:${bookId(book)}`)],
  );
  const origin = options.unknownOrderOrigin ?? 'RECONCILED';
  // Imports and backfills: computed in memory, each table written once (books linked by transfers
  // are recomputed together, which the general path below does).
  if (run.copy && !(await anyBookLinked(run, books))) {
    const result = await recordBulk(run, run.copy, fills, books, { ledger: ledgerOptions, origin }, writes);
    await writes.settle();
    return result;
  }
  const orders = await ensureOrderRows(run, fills, origin);
  const rows = fills.map((fill, index) => fillRow(fill, orders.rowIds[index] ?? null, resolved));
  const insertedIds = new Set(await insertFills(run, rows));
  let allocations = 0;
  let recomputedBooks = 0;
  const warnings: LedgerWarning[] = [];
  const touched = new Set(fills.map((fill) => bookId(bookOf(fill.account, fill.symbol))));
  for (const book of books) {
    if (!touched.has(bookId(book)) || insertedIds.size === 0) continue;
    const result = await reallocateBook(run, book, insertedIds, ledgerOptions, writes.defer);
    allocations += result.newAllocations;
    if (result.recomputed) recomputedBooks += 1;
    warnings.push(...result.warnings);
    await writes.defer(
      writeOrderAggregates(
        run,
        computeOrderAggregates(result.fills, result.allocations, result.lots),
        orders.created,
      ),
    );
  }
  await writes.settle();
  return {
    inserted: insertedIds.size,
    duplicates: fills.length - insertedIds.size,
    allocations,
    warnings,
    recomputedBooks,
  };
}
