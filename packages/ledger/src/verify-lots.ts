// Open lots must equal buys minus allocations, in size and in fee: the check that catches a lost or
// doubled allocation, and a lot fee that leaked or was counted twice.
import { type Decimal, toPlainString, ZERO } from '@hookline/core';
import type { AllocationTotals } from './allocation-totals.js';
import type { FillValuation } from './fill-valuation.js';
import { feeError, type LedgerViolation, ledgerError } from './ledger-violation.js';
import { lotKey } from './lot-origin.js';
import type { Allocation, LedgerFill, Lot } from './types.js';

/**
 * Compares the given open lots with what the buy fills and allocations imply. A lot that arrived by
 * transfer is its own lot: what its TRANSFER row moved minus the rows that consumed it.
 */
export function verifyLots(
  fills: ReadonlyMap<string, LedgerFill>,
  valuations: ReadonlyMap<string, FillValuation>,
  totals: AllocationTotals,
  lots: readonly Lot[],
  allocations: readonly Allocation[] = [],
): LedgerViolation[] {
  const violations: LedgerViolation[] = [];
  const lotsByKey = new Map<string, Lot>();
  for (const lot of lots) {
    const fill = fills.get(lot.buyFillId);
    const key = lotKey(lot);
    if (fill?.side !== 'buy') {
      violations.push(
        ledgerError('LOT_MISMATCH', `open lot ${lot.buyFillId} is not a known buy fill`, lot.buyFillId),
      );
    } else if (lotsByKey.has(key)) {
      violations.push(ledgerError('LOT_MISMATCH', `open lot ${key} appears twice`, lot.buyFillId));
    }
    lotsByKey.set(key, lot);
  }
  for (const [fillId, valuation] of valuations) {
    const fill = fills.get(fillId);
    if (fill?.side !== 'buy' || !valuation.usdQuoted) continue;
    const origin = { key: fill.id, name: `buy fill ${fill.id} (${fill.account} ${fill.symbol})` };
    violations.push(...verifyLot(origin, valuation, totals, lotsByKey.get(fillId)));
  }
  for (const row of allocations) {
    if (row.kind !== 'TRANSFER' || !row.transferId) continue;
    const key = `${row.transferId}#${row.sliceIndex}`;
    const origin = { key, name: `lot ${key} moved by transfer ${row.transferId} (${row.buyFillId})` };
    const moved = { size: row.allocatedSize, feeUsd: row.buyFeeUsd };
    violations.push(...verifyLot(origin, moved, totals, lotsByKey.get(key)));
  }
  return violations;
}

function verifyLot(
  origin: { readonly key: string; readonly name: string },
  valuation: { readonly size: Decimal; readonly feeUsd: Decimal },
  totals: AllocationTotals,
  lot: Lot | undefined,
) {
  const violations: LedgerViolation[] = [];
  const { name } = origin;
  const fill = { id: origin.key };
  const consumed = totals.byBuyFill.get(origin.key);
  const remaining = valuation.size.minus(consumed?.size ?? ZERO);
  const remainingFee = valuation.feeUsd.minus(consumed?.buyFeeUsd ?? ZERO);
  const mismatch = (problem: string) => ledgerError('LOT_MISMATCH', `${name}: ${problem}`, fill.id);
  if (remaining.isNegative()) {
    violations.push(
      mismatch(`allocations consume ${toPlainString(consumed?.size ?? ZERO)}, more than its size`),
    );
  } else if (remaining.isZero()) {
    if (lot) violations.push(mismatch('fully consumed, yet listed as an open lot'));
    const fee = consumed?.buyFeeUsd ?? ZERO;
    if (!fee.equals(valuation.feeUsd))
      violations.push(feeError(name, 'buy_fee_usd', fee, valuation.feeUsd, fill.id));
  } else if (!lot) {
    violations.push(mismatch(`${toPlainString(remaining)} remains but there is no open lot`));
  } else {
    if (!lot.remainingSize.equals(remaining))
      violations.push(mismatch(differs('remaining size', lot.remainingSize, remaining)));
    if (!lot.remainingFeeUsd.equals(remainingFee)) {
      violations.push(mismatch(differs('remaining fee', lot.remainingFeeUsd, remainingFee)));
    }
  }
  return violations;
}

function differs(what: string, actual: Decimal, expected: Decimal): string {
  return `open lot ${what} is ${toPlainString(actual)}, buys minus allocations give ${toPlainString(expected)}`;
}
