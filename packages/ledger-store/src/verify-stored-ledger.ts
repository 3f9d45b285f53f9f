// `ledger verify`: the engine's invariants over the stored rows, plus the order ledger: every
// trade_records aggregate must equal what its fills and allocations imply.
import { type Decimal, dec, toPlainString } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import {
  type LedgerOptions,
  type LedgerViolation,
  ledgerStateFromRows,
  recompute,
  verifyLedger,
} from '@hookline/ledger';
import { type CoveredAccount, reportAccounts } from './accounts.js';
import { widenToLinkedBooks } from './linked-ledger.js';
import type { OrderAggregates } from './order-aggregate-columns.js';
import { computeOrderAggregates } from './order-aggregates.js';
import { type LedgerScope, loadStoredLedger } from './stored-ledger.js';

/** Every violation found: errors break an invariant, warnings are flags a reader must see. */
export async function verifyStoredLedger(
  prisma: PrismaClient,
  options: { scope?: LedgerScope; ledger?: LedgerOptions } = {},
): Promise<LedgerViolation[]> {
  const { fills, allocations, transfers } = await widenToLinkedBooks(
    prisma,
    options.scope ?? {},
    await loadStoredLedger(prisma, options.scope),
  );
  // Lots that moved by transfer are not rebuilt from rows alone: the engine derives them afresh.
  const { lots } =
    transfers.length === 0
      ? ledgerStateFromRows(fills, allocations, options.ledger)
      : recompute(fills, options.ledger, transfers);
  const violations = verifyLedger(fills, allocations, lots, options.ledger, transfers);
  const fillRows = await prisma.fill.findMany({
    where: { id: { in: fills.map((fill) => fill.id) } },
  });
  const expected = computeOrderAggregates(fillRows, allocations, lots);
  const stored = new Map(
    (
      await prisma.tradeRecord.findMany({ where: { id: { in: expected.map((row) => row.tradeRecordId) } } })
    ).map((row) => [row.id, row]),
  );
  for (const aggregate of expected) {
    const row = stored.get(aggregate.tradeRecordId);
    if (!row) continue;
    const columns: Array<[string, Decimal | null, { toString(): string } | null]> = [
      ['filled_size', aggregate.filledSize, row.filledSize],
      ['avg_fill_price', aggregate.avgFillPrice, row.avgFillPrice],
      ['total_fees_usd', aggregate.totalFeesUsd, row.totalFeesUsd],
      ['pnl_usd', aggregate.pnlUsd, row.pnlUsd],
      ['cost_basis_usd', aggregate.costBasisUsd, row.costBasisUsd],
      ['sale_proceeds_usd', aggregate.saleProceedsUsd, row.saleProceedsUsd],
      ['net_sale_proceeds_usd', aggregate.netSaleProceedsUsd, row.netSaleProceedsUsd],
      ['remaining_size', aggregate.remainingSize, row.remainingSize],
    ];
    for (const [column, want, have] of columns)
      violations.push(...compareColumn(aggregate, column, want, have));
  }
  return violations;
}

/**
 * `ledger verify` as the CLI runs it: the live accounts' books, or the one account named (paper
 * included), optionally one asset; `accounts` says which were covered.
 */
export async function verifyReportedLedger(
  prisma: PrismaClient,
  options: { account?: string | undefined; asset?: string | undefined; ledger?: LedgerOptions } = {},
): Promise<{ accounts: CoveredAccount[]; violations: LedgerViolation[] }> {
  const accounts = await reportAccounts(prisma, options.account);
  // Books linked by transfers are verified with each account they join: report each finding once.
  const violations = new Map<string, LedgerViolation>();
  for (const { name } of accounts) {
    const scope = { account: name, ...(options.asset === undefined ? {} : { asset: options.asset }) };
    const found = await verifyStoredLedger(prisma, {
      scope,
      ...(options.ledger ? { ledger: options.ledger } : {}),
    });
    for (const violation of found) violations.set(`${violation.rule}\u0000${violation.message}`, violation);
  }
  return { accounts, violations: [...violations.values()] };
}

function compareColumn(
  aggregate: OrderAggregates,
  column: string,
  want: Decimal | null,
  have: { toString(): string } | null,
): LedgerViolation[] {
  const wantText = want === null ? null : toPlainString(want);
  // Stored NUMERIC text compared as a decimal: trailing zeros do not matter.
  const haveText = have === null ? null : toPlainString(dec(have.toString()));
  if (wantText === haveText) return [];
  return [
    {
      severity: 'error',
      rule: 'RECOMPUTE_MISMATCH',
      message: `trade_records ${aggregate.tradeRecordId}: ${column} is ${haveText ?? 'null'} but its fills give ${wantText ?? 'null'}`,
    },
  ];
}
