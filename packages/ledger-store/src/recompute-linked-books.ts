// Recomputes the books of one asset that transfers link (every account a transfer joins), inside the
// caller's transaction: their allocations are replaced by one recompute over all their fills and
// transfers, so lots moved between accounts keep their buy dates and basis. Callers hold the locks.
import type { Fill, Prisma } from '@hookline/db';
import { type LedgerOptions, recompute } from '@hookline/ledger';
import { computeOrderAggregates, writeOrderAggregates } from './order-aggregates.js';
import type { ReallocatedBook } from './reallocate-book.js';
import { toAllocationInput, toLedgerFill } from './row-mapping.js';
import { loadTransfers } from './transfer-rows.js';

/** Replaces the allocations of `asset` in `accounts` with a recompute over their fills and transfers. */
export async function recomputeLinkedBooks(
  tx: Prisma.TransactionClient,
  asset: string,
  accounts: readonly string[],
  options: LedgerOptions,
): Promise<ReallocatedBook> {
  const fills: Fill[] = await tx.fill.findMany({
    where: { account: { in: [...accounts] }, symbol: { startsWith: `${asset}/` } },
    orderBy: [{ executedAt: 'asc' }, { arrivalSeq: 'asc' }],
  });
  const transfers = await loadTransfers(tx, asset, accounts);
  await tx.fifoAllocation.deleteMany({ where: { asset, account: { in: [...accounts] } } });
  const result = recompute(fills.map(toLedgerFill), options, transfers);
  if (result.allocations.length > 0)
    await tx.fifoAllocation.createMany({ data: result.allocations.map(toAllocationInput) });
  await writeOrderAggregates(tx, computeOrderAggregates(fills, result.allocations, result.lots), new Set());
  return {
    fills,
    allocations: result.allocations,
    lots: result.lots,
    newAllocations: result.allocations.length,
    warnings: result.warnings,
    recomputed: true,
  };
}
