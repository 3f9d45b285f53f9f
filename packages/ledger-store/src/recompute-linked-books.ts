// Recomputes the books of one asset that transfers link (every account a transfer joins), inside the
// caller's transaction: their allocations are replaced by one recompute over all their fills and
// transfers, so lots moved between accounts keep their buy dates and basis. Callers hold the locks.
import { type LedgerOptions, recompute } from '@hookline/ledger';
import type { ReallocatedBook } from './book-results.js';
import { loadAssetFills } from './book-rows.js';
import { insertAllocations } from './bulk-insert.js';
import { computeOrderAggregates, writeOrderAggregates } from './order-aggregates.js';
import { toLedgerFill } from './row-mapping.js';
import type { SqlRunner } from './sql-runner.js';
import { loadTransfers } from './transfer-rows.js';

/** Replaces the allocations of `asset` in `accounts` with a recompute over their fills and transfers. */
export async function recomputeLinkedBooks(
  run: SqlRunner,
  asset: string,
  accounts: readonly string[],
  options: LedgerOptions,
): Promise<ReallocatedBook> {
  const fills = await loadAssetFills(run, asset, accounts);
  const transfers = await loadTransfers(run, asset, accounts);
  await run('DELETE FROM fifo_allocations WHERE asset = $1 AND account = ANY($2::text[])', [
    asset,
    [...accounts],
  ]);
  const result = recompute(fills.map(toLedgerFill), options, transfers);
  await insertAllocations(run, result.allocations);
  await writeOrderAggregates(run, computeOrderAggregates(fills, result.allocations, result.lots), new Set());
  return {
    fills,
    allocations: result.allocations,
    lots: result.lots,
    newAllocations: result.allocations.length,
    warnings: result.warnings,
    recomputed: true,
  };
}
