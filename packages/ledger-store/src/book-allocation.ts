// How new fills change one FIFO book, computed in memory from what the book held before: appended
// when every new fill comes after what the book already processed, else the book is recomputed (a
// late fill from a REST backfill changes what came after it). The live write path and the bulk import
// both use it, so the rule lives once.
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

/** A book after new fills: the rows to write, and everything it now holds. */
export interface BookAllocation {
  /** True when the book was recomputed: its stored allocations are replaced by `added`. */
  readonly replace: boolean;
  /** Allocation rows to insert (every row of the book when `replace`). */
  readonly added: readonly Allocation[];
  /** Every allocation of the book afterwards. */
  readonly allocations: readonly Allocation[];
  readonly lots: readonly Lot[];
  readonly warnings: readonly LedgerWarning[];
}

/**
 * Applies `incoming` to a book that held `previous` fills and `stored` allocations. `account` and
 * `asset` name the book (its open lots are read from the engine by them).
 */
export function allocateBook(
  book: { readonly account: string; readonly asset: string },
  previous: readonly LedgerFill[],
  stored: readonly Allocation[],
  incoming: readonly LedgerFill[],
  options: LedgerOptions,
): BookAllocation {
  const ordered = [...incoming].sort(compareProcessingOrder);
  const state = ledgerStateFromRows(previous, stored, options);
  const cursor = state.cursors[0];
  const inOrder = !cursor || ordered.every((fill) => compareProcessingOrder(fill, cursor) > 0);
  if (!inOrder) {
    const result = recompute([...previous, ...ordered], options);
    return {
      replace: true,
      added: result.allocations,
      allocations: result.allocations,
      lots: result.lots,
      warnings: result.warnings,
    };
  }
  const engine = FifoEngine.fromState(state, options);
  const added: Allocation[] = [];
  const warnings: LedgerWarning[] = [];
  for (const fill of ordered) {
    const result = engine.apply(fill);
    for (const allocation of result.allocations) added.push(allocation);
    for (const warning of result.warnings) warnings.push(warning);
  }
  return {
    replace: false,
    added,
    allocations: stored.length === 0 ? added : [...stored, ...added],
    lots: engine.openLots(book.account, book.asset),
    warnings,
  };
}
