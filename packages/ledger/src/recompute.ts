// The whole ledger from fills: the same engine, fed in processing order. Because it is the same
// code path, a recompute reproduces the incremental allocations exactly.
import { FifoEngine } from './fifo-engine.js';
import type { LedgerOptions } from './ledger-options.js';
import { sortIntoProcessingOrder } from './processing-order.js';
import type { LedgerTransfer } from './transfer.js';
import type { Allocation, LedgerFill, LedgerWarning, Lot } from './types.js';

/** Everything a recompute produces. */
export interface LedgerResult {
  readonly allocations: Allocation[];
  readonly lots: Lot[];
  readonly warnings: LedgerWarning[];
}

/**
 * Sorts the fills by (executedAt, sequence), input order on ties, and runs them through a new engine;
 * transfers are applied in the same order, after the fills of their executedAt (by their sequence).
 */
export function recompute(
  fills: readonly LedgerFill[],
  options: LedgerOptions = {},
  transfers: readonly LedgerTransfer[] = [],
): LedgerResult {
  const engine = new FifoEngine(options);
  const allocations: Allocation[] = [];
  const warnings: LedgerWarning[] = [];
  for (const event of ledgerEvents(fills, transfers)) {
    const result = 'side' in event ? engine.apply(event) : engine.applyTransfer(event);
    for (const allocation of result.allocations) allocations.push(allocation);
    for (const warning of result.warnings) warnings.push(warning);
  }
  return { allocations, lots: engine.allOpenLots(), warnings };
}

/** Fills and transfers in processing order: by time; at equal time fills first, then by sequence. */
export function ledgerEvents(
  fills: readonly LedgerFill[],
  transfers: readonly LedgerTransfer[],
): Array<LedgerFill | LedgerTransfer> {
  const sortedFills = sortIntoProcessingOrder(fills);
  if (transfers.length === 0) return sortedFills;
  const sortedTransfers = sortIntoProcessingOrder(transfers);
  const events: Array<LedgerFill | LedgerTransfer> = [];
  let next = 0;
  for (const transfer of sortedTransfers) {
    while (next < sortedFills.length && (sortedFills[next] as LedgerFill).executedAt <= transfer.executedAt)
      events.push(sortedFills[next++] as LedgerFill);
    events.push(transfer);
  }
  return [...events, ...sortedFills.slice(next)];
}
