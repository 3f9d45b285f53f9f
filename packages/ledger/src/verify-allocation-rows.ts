// Checks of each allocation row on its own: the stored money columns follow from each other by the
// engine's formulas, and the row's shape fits its kind.
import { type Decimal, toPlainString, ZERO } from '@hookline/core';
import type { DayOfInstant } from './calendar-date.js';
import { holdingTerm } from './holding-period.js';
import { type LedgerViolation, ledgerError } from './ledger-violation.js';
import type { LedgerTransfer } from './transfer.js';
import type { Allocation, LedgerFill } from './types.js';

/** Every problem with one row; `fills` and `transfers` map ids to what the row references. */
export function verifyAllocationRow(
  row: Allocation,
  fills: ReadonlyMap<string, LedgerFill>,
  dayOf: DayOfInstant,
  transfers: ReadonlyMap<string, LedgerTransfer> = new Map(),
): LedgerViolation[] {
  const name = `allocation ${row.sellFillId}#${row.sliceIndex} (${row.kind})`;
  const problems: string[] = [];
  const expect = (column: string, actual: Decimal, expected: Decimal): void => {
    if (!actual.equals(expected)) {
      problems.push(`${column} is ${toPlainString(actual)}, expected ${toPlainString(expected)}`);
    }
  };
  if (!row.allocatedSize.greaterThan(0)) problems.push('allocated_size must be positive');
  expect('cost_basis_usd', row.costBasisUsd, row.allocatedSize.times(row.buyPrice).plus(row.buyFeeUsd));
  if (row.kind === 'TRANSFER') {
    // A move between the user's accounts: the basis moves with the lot, at zero gain.
    expect('proceeds_usd', row.proceedsUsd, row.costBasisUsd);
    expect('sell_fee_usd', row.sellFeeUsd, ZERO);
  } else {
    expect('proceeds_usd', row.proceedsUsd, row.allocatedSize.times(row.sellPrice));
  }
  expect('net_proceeds_usd', row.netProceedsUsd, row.proceedsUsd.minus(row.sellFeeUsd));
  expect('pnl_usd', row.pnlUsd, row.netProceedsUsd.minus(row.costBasisUsd));
  const arithmetic = problems.map((problem) =>
    ledgerError('ROW_ARITHMETIC', `${name}: ${problem}`, row.sellFillId),
  );
  const shape = shapeProblems(row, fills, dayOf, transfers).map((problem) =>
    ledgerError('ROW_SHAPE', `${name}: ${problem}`, row.sellFillId),
  );
  return [...arithmetic, ...shape];
}

function shapeProblems(
  row: Allocation,
  fills: ReadonlyMap<string, LedgerFill>,
  dayOf: DayOfInstant,
  transfers: ReadonlyMap<string, LedgerTransfer>,
): string[] {
  const problems = sourceProblems(row, fills, transfers);
  if (row.kind === 'SHORTFALL') {
    const empty =
      row.buyFillId === null && row.buyOrderId === null && row.buyTime === null && row.term === null;
    if (!empty || !row.costBasisUsd.equals(ZERO))
      problems.push('a shortfall must have no lot and zero cost basis');
    return problems;
  }
  if (row.buyFillId === null || row.buyTime === null)
    return [...problems, 'a non-shortfall row needs its lot'];
  const buy = fills.get(row.buyFillId);
  // A lot that arrived by transfer is held by the transfer's destination, not the buyer's account.
  const holder = row.lotTransferId ? transfers.get(row.lotTransferId)?.toAccount : buy?.account;
  if (buy?.side !== 'buy') problems.push(`its lot ${row.buyFillId} is not a known buy fill`);
  else if (holder !== row.account || !buy.symbol.startsWith(`${row.asset}/`)) {
    problems.push(`its lot ${row.buyFillId} belongs to another account or asset`);
  }
  if (row.buyTime.getTime() > row.sellTime.getTime()) problems.push('its lot was bought after the sale');
  const term = holdingTerm(dayOf(row.buyTime), dayOf(row.sellTime));
  if (row.term !== term) problems.push(`term is ${row.term}, the holding period says ${term}`);
  return problems;
}

// What the row disposes of: a fill of its account, or a transfer leaving its account.
function sourceProblems(
  row: Allocation,
  fills: ReadonlyMap<string, LedgerFill>,
  transfers: ReadonlyMap<string, LedgerTransfer>,
): string[] {
  if (!row.transferId) {
    if (row.kind === 'TRANSFER') return ['a TRANSFER row must name its transfer'];
    return fills.has(row.sellFillId) ? [] : [`its fill ${row.sellFillId} is unknown`];
  }
  const transfer = transfers.get(row.transferId);
  if (!transfer) return [`its transfer ${row.transferId} is unknown`];
  if (transfer.fromAccount !== row.account || transfer.asset !== row.asset)
    return [
      `a row of transfer ${transfer.id} must belong to its source ${transfer.fromAccount} ${transfer.asset}`,
    ];
  return [];
}
