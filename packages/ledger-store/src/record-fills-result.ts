// What one recordFills call did, whichever path wrote it.
import type { LedgerWarning } from '@hookline/ledger';

/** What recording some fills did. */
export interface RecordFillsResult {
  /** Fills stored now; the rest were already stored (same account, exchange and trade id). */
  readonly inserted: number;
  readonly duplicates: number;
  readonly allocations: number;
  readonly warnings: readonly LedgerWarning[];
  /** Books recomputed because a fill arrived before fills already processed. */
  readonly recomputedBooks: number;
}
