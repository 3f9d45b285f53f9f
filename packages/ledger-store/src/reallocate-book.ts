// Brings one FIFO book's stored allocations up to date after new fills were inserted, inside the
// caller's transaction (the rule, append or recompute, is allocateBook's).
import { type LedgerFill, type LedgerOptions, recompute } from '@hookline/ledger';
import { allocateBook } from './book-allocation.js';
import type { BookKey } from './book-key.js';
import type { ReallocatedBook } from './book-results.js';
import { loadBookAllocations, loadBookFills, type StoredFill } from './book-rows.js';
import { insertAllocations } from './bulk-insert.js';
import type { Defer } from './deferred-writes.js';
import { recomputeLinkedBooks } from './recompute-linked-books.js';
import { toAllocation, toLedgerFill } from './row-mapping.js';
import type { SqlRunner } from './sql-runner.js';
import { linkedAccounts, lockBooks } from './transfer-rows.js';

/** Loads the book, applies the new fills (or recomputes), and stores the new allocation rows. */
export async function reallocateBook(
  run: SqlRunner,
  book: BookKey,
  newFillIds: ReadonlySet<string>,
  options: LedgerOptions,
  defer: Defer = async (write) => void (await write),
): Promise<ReallocatedBook> {
  // Books that transfers link are one unit: lock the others too (sorted) and recompute them together.
  const linked = await linkedAccounts(run, book.asset, [book.account]);
  if (linked.length > 1) {
    await lockBooks(
      run,
      linked.map((account) => ({ account, asset: book.asset })),
    );
    return await recomputeLinkedBooks(run, book.asset, linked, options);
  }
  const fills = await loadBookFills(run, book);
  const stored = (await loadBookAllocations(run, book)).map(toAllocation);
  const ledgerFills = fills.map(toLedgerFill);
  const previous = ledgerFills.filter((fill) => !newFillIds.has(fill.id));
  const incoming = ledgerFills.filter((fill) => newFillIds.has(fill.id));
  const result = allocateBook(book, previous, stored, incoming, options);
  if (result.replace)
    await run('DELETE FROM fifo_allocations WHERE account = $1 AND asset = $2', [book.account, book.asset]);
  await defer(insertAllocations(run, result.added));
  return {
    fills,
    allocations: result.allocations,
    lots: result.lots,
    newAllocations: result.added.length,
    warnings: result.warnings,
    recomputed: result.replace,
  };
}

/** Replaces a book's allocations with a recompute from its fills. */
export async function recomputeBook(
  run: SqlRunner,
  book: BookKey,
  fills: readonly StoredFill[],
  ledgerFills: readonly LedgerFill[],
  options: LedgerOptions,
  defer: Defer = async (write) => void (await write),
): Promise<ReallocatedBook> {
  await run('DELETE FROM fifo_allocations WHERE account = $1 AND asset = $2', [book.account, book.asset]);
  const result = recompute(ledgerFills, options);
  await defer(insertAllocations(run, result.allocations));
  return {
    fills,
    allocations: result.allocations,
    lots: result.lots,
    newAllocations: result.allocations.length,
    warnings: result.warnings,
    recomputed: true,
  };
}
