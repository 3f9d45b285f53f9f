// Sums of stored allocation rows per fill: what rebuilding lots and checking the ledger both need.
import { type Decimal, ZERO } from '@hookline/core';
import { consumedLotKey } from './lot-origin.js';
import type { Allocation } from './types.js';

/** What the rows disposing of one fill's units add up to. */
export interface DisposalTotals {
  size: Decimal;
  shortfallSize: Decimal;
  sellFeeUsd: Decimal;
  readonly sliceIndexes: number[];
}

/** What the rows consuming one buy lot add up to. */
export interface ConsumptionTotals {
  size: Decimal;
  buyFeeUsd: Decimal;
}

/** Per-fill sums: by the disposing fill (sellFillId) and by the consumed lot (buyFillId). */
export interface AllocationTotals {
  readonly bySellFill: ReadonlyMap<string, DisposalTotals>;
  readonly byBuyFill: ReadonlyMap<string, ConsumptionTotals>;
}

/** Sums the rows per disposing fill and per consumed lot. */
export function totalAllocations(allocations: Iterable<Allocation>): AllocationTotals {
  const bySellFill = new Map<string, DisposalTotals>();
  const byBuyFill = new Map<string, ConsumptionTotals>();
  for (const allocation of allocations) {
    let disposal = bySellFill.get(allocation.sellFillId);
    if (!disposal) {
      disposal = { size: ZERO, shortfallSize: ZERO, sellFeeUsd: ZERO, sliceIndexes: [] };
      bySellFill.set(allocation.sellFillId, disposal);
    }
    disposal.size = disposal.size.plus(allocation.allocatedSize);
    disposal.sellFeeUsd = disposal.sellFeeUsd.plus(allocation.sellFeeUsd);
    disposal.sliceIndexes.push(allocation.sliceIndex);
    if (allocation.kind === 'SHORTFALL')
      disposal.shortfallSize = disposal.shortfallSize.plus(allocation.allocatedSize);
    // A lot that arrived by transfer is its own lot (keyed by its TRANSFER row), not its buy fill's.
    const lot = consumedLotKey(allocation);
    if (lot === null) continue;
    let consumption = byBuyFill.get(lot);
    if (!consumption) {
      consumption = { size: ZERO, buyFeeUsd: ZERO };
      byBuyFill.set(lot, consumption);
    }
    consumption.size = consumption.size.plus(allocation.allocatedSize);
    consumption.buyFeeUsd = consumption.buyFeeUsd.plus(allocation.buyFeeUsd);
  }
  return { bySellFill, byBuyFill };
}
