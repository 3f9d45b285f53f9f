// Reads the stored ledger back as the engine's shapes, for verify, recompute and reports.
import type { PrismaClient } from '@hookline/db';
import type { Allocation, LedgerFill } from '@hookline/ledger';
import { toAllocation, toLedgerFill } from './row-mapping.js';

/** Which part of the ledger to read: everything, one account, and/or one asset. */
export interface LedgerScope {
  readonly account?: string;
  /** The base asset (`BTC`), i.e. every symbol `BTC/...`. */
  readonly asset?: string;
}

/** The stored fills and allocations in a scope. */
export async function loadStoredLedger(
  prisma: PrismaClient,
  scope: LedgerScope = {},
): Promise<{ fills: LedgerFill[]; allocations: Allocation[]; unvaluedFeeFillIds: string[] }> {
  const fillRows = await prisma.fill.findMany({
    where: {
      ...(scope.account ? { account: scope.account } : {}),
      ...(scope.asset ? { symbol: { startsWith: `${scope.asset}/` } } : {}),
    },
    orderBy: [{ executedAt: 'asc' }, { arrivalSeq: 'asc' }],
  });
  const allocationRows = await prisma.fifoAllocation.findMany({
    where: {
      ...(scope.account ? { account: scope.account } : {}),
      ...(scope.asset ? { asset: scope.asset } : {}),
    },
  });
  return {
    fills: fillRows.map(toLedgerFill),
    allocations: allocationRows.map(toAllocation),
    unvaluedFeeFillIds: fillRows.filter((row) => row.feeUnvalued).map((row) => row.id),
  };
}
