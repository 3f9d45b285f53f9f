// Brings one FIFO book's stored allocations up to date after new fills were inserted, inside the
// caller's transaction: incrementally when every new fill comes after what the book already
// processed, else by recomputing the book (a late fill from a REST backfill changes what came after).
import {
  type Allocation,
  compareProcessingOrder,
  FifoEngine,
  type LedgerFill,
  type LedgerOptions,
  type LedgerWarning,
  ledgerStateFromRows,
  recompute,
} from '@hookline/ledger';
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
  const incoming = ledgerFills.filter((fill) => newFillIds.has(fill.id)).sort(compareProcessingOrder);
  const state = ledgerStateFromRows(previous, stored, options);
  const cursor = state.cursors[0];
  const inOrder = !cursor || incoming.every((fill) => compareProcessingOrder(fill, cursor) > 0);
  if (inOrder) {
    const engine = FifoEngine.fromState(state, options);
    const added: Allocation[] = [];
    const warnings: LedgerWarning[] = [];
    for (const fill of incoming) {
      const result = engine.apply(fill);
      added.push(...result.allocations);
      warnings.push(...result.warnings);
    }
    await defer(insertAllocations(run, added));
    const lots = engine.openLots(book.account, book.asset);
    return {
      fills,
      allocations: [...stored, ...added],
      lots,
      newAllocations: added.length,
      warnings,
      recomputed: false,
    };
  }
  return await recomputeBook(run, book, fills, ledgerFills, options, defer);
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
