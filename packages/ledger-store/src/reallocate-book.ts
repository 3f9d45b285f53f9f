// Brings one FIFO book's stored allocations up to date after new fills were inserted, inside the
// caller's transaction: incrementally when every new fill comes after what the book already
// processed, else by recomputing the book (a late fill from a REST backfill changes what came after).
import type { Fill, Prisma } from '@hookline/db';
import {
  type Allocation,
  compareProcessingOrder,
  FifoEngine,
  type LedgerFill,
  type LedgerOptions,
  type LedgerWarning,
  type Lot,
  ledgerStateFromRows,
  recompute,
} from '@hookline/ledger';
import type { BookKey } from './book-key.js';
import { insertAllocations } from './bulk-insert.js';
import { recomputeLinkedBooks } from './recompute-linked-books.js';
import { toAllocation, toLedgerFill } from './row-mapping.js';
import { linkedAccounts, lockBooks } from './transfer-rows.js';

/** A book after reallocation: every fill and allocation it now holds, its open lots, what changed. */
export interface ReallocatedBook {
  readonly fills: readonly Fill[];
  readonly allocations: readonly Allocation[];
  readonly lots: readonly Lot[];
  readonly newAllocations: number;
  readonly warnings: readonly LedgerWarning[];
  readonly recomputed: boolean;
}

/** Loads the book, applies the new fills (or recomputes), and stores the new allocation rows. */
export async function reallocateBook(
  tx: Prisma.TransactionClient,
  book: BookKey,
  newFillIds: ReadonlySet<string>,
  options: LedgerOptions,
): Promise<ReallocatedBook> {
  // Books that transfers link are one unit: lock the others too (sorted) and recompute them together.
  const linked = await linkedAccounts(tx, book.asset, [book.account]);
  if (linked.length > 1) {
    await lockBooks(
      tx,
      linked.map((account) => ({ account, asset: book.asset })),
    );
    return await recomputeLinkedBooks(tx, book.asset, linked, options);
  }
  const fills = await loadBookFills(tx, book);
  const stored = (
    await tx.fifoAllocation.findMany({ where: { account: book.account, asset: book.asset } })
  ).map(toAllocation);
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
    await insertAllocations(tx, added);
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
  return await recomputeBook(tx, book, fills, ledgerFills, options);
}

/** Replaces a book's allocations with a recompute from its fills. */
export async function recomputeBook(
  tx: Prisma.TransactionClient,
  book: BookKey,
  fills: readonly Fill[],
  ledgerFills: readonly LedgerFill[],
  options: LedgerOptions,
): Promise<ReallocatedBook> {
  await tx.fifoAllocation.deleteMany({ where: { account: book.account, asset: book.asset } });
  const result = recompute(ledgerFills, options);
  await insertAllocations(tx, result.allocations);
  return {
    fills,
    allocations: result.allocations,
    lots: result.lots,
    newAllocations: result.allocations.length,
    warnings: result.warnings,
    recomputed: true,
  };
}

/** Every fill of a book (all symbols whose base is the book's asset), in processing order. */
export async function loadBookFills(tx: Prisma.TransactionClient, book: BookKey): Promise<Fill[]> {
  return await tx.fill.findMany({
    where: { account: book.account, symbol: { startsWith: `${book.asset}/` } },
    orderBy: [{ executedAt: 'asc' }, { arrivalSeq: 'asc' }],
  });
}
