// Each transfer's rows must account for it exactly: TRANSFER rows move its whole quantity, and its
// network fee is disposed of in full (FEE_DISPOSAL, or SHORTFALL where the source lacked the units),
// with slice indexes 0…n−1 across both.
import { type Decimal, plus, toPlainString, ZERO } from '@hookline/core';
import { type LedgerViolation, ledgerError } from './ledger-violation.js';
import type { LedgerTransfer } from './transfer.js';
import type { Allocation } from './types.js';

/** Every transfer whose stored rows do not add up to it. */
export function verifyTransfers(
  transfers: readonly LedgerTransfer[],
  allocations: readonly Allocation[],
): LedgerViolation[] {
  const rowsOf = new Map<string, Allocation[]>();
  for (const row of allocations) {
    if (!row.transferId) continue;
    rowsOf.set(row.transferId, [...(rowsOf.get(row.transferId) ?? []), row]);
  }
  return transfers.flatMap((transfer) => verifyTransfer(transfer, rowsOf.get(transfer.id) ?? []));
}

function verifyTransfer(transfer: LedgerTransfer, rows: readonly Allocation[]): LedgerViolation[] {
  const name = `transfer ${transfer.id} (${transfer.fromAccount} → ${transfer.toAccount} ${transfer.asset})`;
  const total = (kinds: readonly string[]): Decimal =>
    rows.filter((row) => kinds.includes(row.kind)).reduce((sum, row) => plus(sum, row.allocatedSize), ZERO);
  const violations: LedgerViolation[] = [];
  const moved = total(['TRANSFER']);
  const fee = total(['FEE_DISPOSAL', 'SHORTFALL']);
  const problem = (what: string) => ledgerError('NOT_FULLY_ALLOCATED', `${name}: ${what}`, transfer.id);
  if (!moved.equals(transfer.quantity))
    violations.push(problem(`rows move ${toPlainString(moved)} of ${toPlainString(transfer.quantity)}`));
  if (!fee.equals(transfer.feeQuantity))
    violations.push(
      problem(`rows dispose of ${toPlainString(fee)} of its ${toPlainString(transfer.feeQuantity)} fee`),
    );
  const indexes = rows.map((row) => row.sliceIndex).sort((a, b) => a - b);
  if (indexes.some((index, position) => index !== position))
    violations.push(
      ledgerError('SLICE_INDEXES', `${name}: slice indexes are ${indexes.join(',')}, not 0…n−1`, transfer.id),
    );
  return violations;
}
