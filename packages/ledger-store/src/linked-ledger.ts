// The stored ledger of a scope widened to the books that transfers link to it: verifying one account
// whose lots moved to or from another needs both sides (the lots that left and the lots that arrived).
import type { PrismaClient } from '@hookline/db';
import type { Allocation, LedgerFill, LedgerTransfer } from '@hookline/ledger';
import { prismaRunner } from './sql-runner.js';
import { type LedgerScope, loadStoredLedger } from './stored-ledger.js';
import { linkedAccounts, loadTransfers } from './transfer-rows.js';

/** A scope's fills and allocations plus those of every linked book, and the transfers among them. */
export interface LinkedLedger {
  readonly fills: LedgerFill[];
  readonly allocations: Allocation[];
  readonly transfers: LedgerTransfer[];
}

/** `base` (the scope's own rows) widened by the books transfers link to it; unchanged when none do. */
export async function widenToLinkedBooks(
  prisma: PrismaClient,
  scope: LedgerScope,
  base: { fills: LedgerFill[]; allocations: Allocation[] },
): Promise<LinkedLedger> {
  const touching = await prisma.transfer.findMany({
    where: {
      ...(scope.asset ? { asset: scope.asset } : {}),
      ...(scope.account ? { OR: [{ fromAccount: scope.account }, { toAccount: scope.account }] } : {}),
    },
    distinct: ['asset', 'fromAccount', 'toAccount'],
    select: { asset: true, fromAccount: true, toAccount: true },
  });
  if (touching.length === 0) return { ...base, transfers: [] };
  const run = prismaRunner(prisma);
  const fills = new Map(base.fills.map((fill) => [fill.id, fill]));
  const rowKey = (row: Allocation) => `${row.sellFillId}#${row.sliceIndex}`;
  const allocations = new Map(base.allocations.map((row) => [rowKey(row), row]));
  const transfers = new Map<string, LedgerTransfer>();
  for (const asset of [...new Set(touching.map((row) => row.asset))].sort()) {
    const seeds = touching
      .filter((row) => row.asset === asset)
      .flatMap((row) => [row.fromAccount, row.toAccount]);
    const accounts = await linkedAccounts(run, asset, seeds);
    for (const account of accounts) {
      const rows = await loadStoredLedger(prisma, { account, asset });
      for (const fill of rows.fills) fills.set(fill.id, fill);
      for (const row of rows.allocations) allocations.set(rowKey(row), row);
    }
    for (const transfer of await loadTransfers(run, asset, accounts)) transfers.set(transfer.id, transfer);
  }
  return {
    fills: [...fills.values()],
    allocations: [...allocations.values()],
    transfers: [...transfers.values()],
  };
}
