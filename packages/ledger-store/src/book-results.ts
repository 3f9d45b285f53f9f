// What the write paths report per book: after new fills were applied (reallocateBook, the linked
// recompute) and after `ledger recompute`.
import type { Allocation, LedgerWarning, Lot } from '@hookline/ledger';
import type { BookKey } from './book-key.js';
import type { StoredFill } from './book-rows.js';

/** A book after reallocation: every fill and allocation it now holds, its open lots, what changed. */
export interface ReallocatedBook {
  readonly fills: readonly StoredFill[];
  readonly allocations: readonly Allocation[];
  readonly lots: readonly Lot[];
  readonly newAllocations: number;
  readonly warnings: readonly LedgerWarning[];
  readonly recomputed: boolean;
}

/** Per book: how many allocations it holds now and whether any row changed. */
export interface RecomputedBook {
  readonly book: BookKey;
  readonly allocations: number;
  readonly changed: boolean;
}
