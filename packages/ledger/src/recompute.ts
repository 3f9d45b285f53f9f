// The whole ledger from fills: the same engine, fed in processing order. Because it is the same
// code path, a recompute reproduces the incremental allocations exactly.
import { FifoEngine } from './fifo-engine.js';
import type { LedgerOptions } from './ledger-options.js';
import { sortIntoProcessingOrder } from './processing-order.js';
import type { Allocation, LedgerFill, LedgerWarning, Lot } from './types.js';

/** Everything a recompute produces. */
export interface LedgerResult {
  readonly allocations: Allocation[];
  readonly lots: Lot[];
  readonly warnings: LedgerWarning[];
}

/** Sorts the fills by (executedAt, sequence), input order on ties, and runs them through a new engine. */
export function recompute(fills: readonly LedgerFill[], options: LedgerOptions = {}): LedgerResult {
  const engine = new FifoEngine(options);
  const allocations: Allocation[] = [];
  const warnings: LedgerWarning[] = [];
  for (const fill of sortIntoProcessingOrder(fills)) {
    const result = engine.apply(fill);
    for (const allocation of result.allocations) allocations.push(allocation);
    for (const warning of result.warnings) warnings.push(warning);
  }
  return { allocations, lots: engine.allOpenLots(), warnings };
}
