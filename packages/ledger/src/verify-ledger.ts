// The ledger's invariants over stored rows, as `ledger verify` checks them: every disposal fully
// allocated (or an explicit shortfall), sizes and fees conserved per fill, open lots equal to buys
// minus allocations, and every row's arithmetic. Pure: the CLI loads the rows and prints the list.
import { toPlainString, ZERO } from '@hookline/core';
import { type AllocationTotals, totalAllocations } from './allocation-totals.js';
import { type FillValuation, valueFill } from './fill-valuation.js';
import { type LedgerOptions, resolveLedgerOptions } from './ledger-options.js';
import { feeError, type LedgerViolation, ledgerError, ledgerWarning } from './ledger-violation.js';
import type { LedgerTransfer } from './transfer.js';
import type { Allocation, LedgerFill, Lot } from './types.js';
import { verifyAllocationRow } from './verify-allocation-rows.js';
import { verifyLots } from './verify-lots.js';
import { verifyTransfers } from './verify-transfers.js';

/** Every broken invariant (severity error) and flag (severity warning); no errors means consistent. */
export function verifyLedger(
  fills: readonly LedgerFill[],
  allocations: readonly Allocation[],
  lots: readonly Lot[],
  options: LedgerOptions = {},
  transfers: readonly LedgerTransfer[] = [],
): LedgerViolation[] {
  const resolved = resolveLedgerOptions(options);
  const violations: LedgerViolation[] = [];
  const byId = new Map<string, LedgerFill>();
  for (const fill of fills) {
    if (byId.has(fill.id))
      violations.push(ledgerError('DUPLICATE_FILL', `fill ${fill.id} appears twice`, fill.id));
    byId.set(fill.id, fill);
  }
  const transfersById = new Map(transfers.map((transfer) => [transfer.id, transfer]));
  for (const row of allocations)
    violations.push(...verifyAllocationRow(row, byId, resolved.dayOf, transfersById));
  const totals = totalAllocations(allocations);
  const valuations = new Map<string, FillValuation>();
  for (const fill of byId.values()) {
    let valuation: FillValuation;
    try {
      valuation = valueFill(fill, resolved);
    } catch (error) {
      violations.push(ledgerError('INVALID_FILL', (error as Error).message, fill.id));
      continue;
    }
    valuations.set(fill.id, valuation);
    violations.push(...verifyFill(fill, valuation, totals));
  }
  violations.push(...verifyLots(byId, valuations, totals, lots, allocations));
  violations.push(...verifyTransfers(transfers, allocations));
  return violations;
}

function verifyFill(fill: LedgerFill, valuation: FillValuation, totals: AllocationTotals): LedgerViolation[] {
  const disposal = totals.bySellFill.get(fill.id);
  const name = `${fill.side} fill ${fill.id} (${fill.account} ${fill.symbol})`;
  if (!valuation.usdQuoted) {
    const touched = disposal !== undefined || totals.byBuyFill.has(fill.id);
    const flag = ledgerWarning(
      'UNVALUED_QUOTE',
      `${name} is quoted in ${valuation.pair.quote}: not valued`,
      fill.id,
    );
    return touched
      ? [flag, ledgerError('UNKNOWN_FILL', `${name} is not valued but has allocations`, fill.id)]
      : [flag];
  }
  const violations: LedgerViolation[] = [];
  const expectedSize =
    fill.side === 'sell' ? valuation.size.plus(valuation.baseFeeUnits) : valuation.baseFeeUnits;
  const allocated = disposal?.size ?? ZERO;
  if (!allocated.equals(expectedSize)) {
    const what = `${toPlainString(allocated)} of ${toPlainString(expectedSize)} ${valuation.pair.base}`;
    violations.push(ledgerError('NOT_FULLY_ALLOCATED', `${name}: allocations dispose of ${what}`, fill.id));
  }
  const indexes = [...(disposal?.sliceIndexes ?? [])].sort((a, b) => a - b);
  if (indexes.some((index, position) => index !== position)) {
    violations.push(
      ledgerError('SLICE_INDEXES', `${name}: slice indexes are ${indexes.join(',')}, not 0…n−1`, fill.id),
    );
  }
  const expectedFee = fill.side === 'sell' ? valuation.feeUsd : ZERO;
  const sellFee = disposal?.sellFeeUsd ?? ZERO;
  if (!sellFee.equals(expectedFee))
    violations.push(feeError(name, 'sell_fee_usd', sellFee, expectedFee, fill.id));
  if (disposal?.shortfallSize.greaterThan(0)) {
    const quantity = `${toPlainString(disposal.shortfallSize)} ${valuation.pair.base}`;
    violations.push(
      ledgerWarning('SHORTFALL', `${name}: ${quantity} disposed of beyond inventory (zero basis)`, fill.id),
    );
  }
  if (valuation.feeUnvalued) {
    const fee = `${toPlainString(fill.fee)} ${fill.feeCurrency}`;
    violations.push(
      ledgerWarning('UNVALUED_FEE', `${name}: fee ${fee} has no USD value and is excluded`, fill.id),
    );
  }
  return violations;
}
