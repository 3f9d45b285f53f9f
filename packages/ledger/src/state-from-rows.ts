// Rebuilds the engine's state from stored rows (fills and fifo_allocations), so the persistence
// layer can resume the incremental path without a lots table: a lot is its buy fill minus the
// allocations that consumed it, including what remains of its fee.
import { ZERO } from '@hookline/core';
import { totalAllocations } from './allocation-totals.js';
import { valueFill } from './fill-valuation.js';
import { type LedgerOptions, resolveLedgerOptions } from './ledger-options.js';
import type { LedgerState, ProcessingCursor } from './ledger-state.js';
import { sortIntoProcessingOrder } from './processing-order.js';
import { ProportionalFee } from './proportional-fee.js';
import type { Allocation, LedgerFill, Lot } from './types.js';

/** The open lots and processing cursors that the stored fills and allocations imply. */
export function ledgerStateFromRows(
  fills: readonly LedgerFill[],
  allocations: Iterable<Allocation>,
  options: LedgerOptions = {},
): LedgerState {
  const resolved = resolveLedgerOptions(options);
  const { byBuyFill } = totalAllocations(allocations);
  const lots: Lot[] = [];
  const cursors = new Map<string, ProcessingCursor>();
  for (const fill of sortIntoProcessingOrder(fills)) {
    const valuation = valueFill(fill, resolved);
    const asset = valuation.pair.base;
    const cursor = {
      account: fill.account,
      asset,
      executedAt: fill.executedAt,
      sequence: fill.sequence,
      fillId: fill.id,
    };
    cursors.set(`${fill.account}\u0000${asset}`, cursor);
    if (fill.side !== 'buy' || !valuation.usdQuoted) continue;
    const consumed = byBuyFill.get(fill.id);
    const remainingSize = valuation.size.minus(consumed?.size ?? ZERO);
    if (!remainingSize.greaterThan(0)) continue;
    const { feeUsd, size } = valuation;
    lots.push({
      account: fill.account,
      asset,
      symbol: fill.symbol,
      buyFillId: fill.id,
      buyOrderId: fill.orderId,
      buyTime: fill.executedAt,
      buySequence: fill.sequence,
      price: valuation.price,
      size,
      remainingSize,
      feeUsd,
      remainingFeeUsd: feeUsd.minus(consumed?.buyFeeUsd ?? ZERO),
      feesPerUnit: new ProportionalFee(feeUsd, size).perUnit,
    });
  }
  return { lots, cursors: [...cursors.values()] };
}
