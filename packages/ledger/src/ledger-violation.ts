// What verifyLedger reports. Errors break an invariant (`ledger verify` exits 1); warnings are
// recorded facts a reader must see (a shortfall, an unvalued fee) but the ledger is consistent.
import { type Decimal, toPlainString } from '@hookline/core';

/** The invariant or flag a violation is about. */
export type LedgerRule =
  | 'INVALID_FILL'
  | 'UNKNOWN_FILL'
  | 'DUPLICATE_FILL'
  | 'NOT_FULLY_ALLOCATED'
  | 'SLICE_INDEXES'
  | 'FEE_NOT_CONSERVED'
  | 'LOT_MISMATCH'
  | 'ROW_ARITHMETIC'
  | 'ROW_SHAPE'
  | 'RECOMPUTE_MISMATCH'
  | 'SHORTFALL'
  | 'UNVALUED_FEE'
  | 'UNVALUED_QUOTE';

/** One finding of verifyLedger, readable on its own. */
export interface LedgerViolation {
  readonly severity: 'error' | 'warning';
  readonly rule: LedgerRule;
  readonly fillId?: string;
  readonly message: string;
}

/** A broken invariant. */
export function ledgerError(rule: LedgerRule, message: string, fillId?: string): LedgerViolation {
  return fillId === undefined
    ? { severity: 'error', rule, message }
    : { severity: 'error', rule, fillId, message };
}

/** A flag that does not break the ledger. */
export function ledgerWarning(rule: LedgerRule, message: string, fillId: string): LedgerViolation {
  return { severity: 'warning', rule, fillId, message };
}

/** A fee-conservation error naming both amounts. */
export function feeError(
  name: string,
  column: string,
  actual: Decimal,
  expected: Decimal,
  fillId: string,
): LedgerViolation {
  const amounts = `${toPlainString(actual)}, expected ${toPlainString(expected)}`;
  return ledgerError('FEE_NOT_CONSERVED', `${name}: ${column} slices add up to ${amounts}`, fillId);
}
