// Turns what a disposal took from the lots into fifo_allocations rows. Every money column is derived
// from stored columns by one formula, so each row checks out exactly:
//   cost_basis = allocated_size × buy_price + buy_fee_usd      (the fee slice, not size × per-unit fee,
//   proceeds   = allocated_size × sell_price                    so the slices of one fill add up)
//   net        = proceeds − sell_fee_usd
//   pnl        = net − cost_basis
import { type Decimal, minus, plus, times, ZERO } from '@hookline/core';
import type { CalendarDay } from './calendar-date.js';
import { holdingTerm } from './holding-period.js';
import { lotOrigin } from './lot-origin.js';
import type { LotQueue, LotSlice } from './lot-queue.js';
import type { ProportionalFee } from './proportional-fee.js';
import type { Allocation, LedgerFill } from './types.js';

/** The disposing side of a set of rows: which fill, at what price, with what fee per unit. */
export interface Disposal {
  readonly fill: LedgerFill;
  readonly asset: string;
  /** SELL for sold units, FEE_DISPOSAL for units paid as a base-asset fee. */
  readonly kind: 'SELL' | 'FEE_DISPOSAL';
  readonly sellPrice: Decimal;
  /** The USD fee spread over these rows by the fill's size (zero for a FEE_DISPOSAL). */
  readonly fee: ProportionalFee;
  readonly sellDay: CalendarDay;
}

/** The rows of one disposal, and the quantity that had to be recorded as SHORTFALL. */
export interface DisposalRows {
  readonly allocations: Allocation[];
  readonly missing: Decimal;
}

/**
 * Takes `quantity` from the queue FIFO and returns the rows, numbered from `firstSliceIndex`; what
 * the lots cannot cover becomes one SHORTFALL row (zero basis). The disposal's fee is spread over
 * the rows by size: each its truncated share, the last row the remainder, so they add up exactly.
 */
export function disposeFifo(
  queue: LotQueue,
  disposal: Disposal,
  quantity: Decimal,
  firstSliceIndex: number,
): DisposalRows {
  const { fee } = disposal;
  const allocations: Allocation[] = [];
  let feeLeft = fee.total;
  let missing = quantity;
  while (!missing.isZero()) {
    const slice = queue.takeOldest(missing);
    if (!slice) break;
    let sellFeeUsd = feeLeft;
    if (slice.completes) {
      missing = ZERO;
    } else {
      missing = minus(missing, slice.size);
      sellFeeUsd = fee.share(slice.size);
      if (!sellFeeUsd.isZero()) feeLeft = minus(feeLeft, sellFeeUsd);
    }
    allocations.push(lotRow(disposal, slice, sellFeeUsd, firstSliceIndex + allocations.length));
  }
  if (!missing.isZero()) {
    allocations.push(shortfallRow(disposal, missing, feeLeft, firstSliceIndex + allocations.length));
  }
  return { allocations, missing };
}

function lotRow(disposal: Disposal, slice: LotSlice, sellFeeUsd: Decimal, sliceIndex: number): Allocation {
  const { fill, sellPrice } = disposal;
  const { lot, size, buyFeeUsd } = slice;
  const costBasisUsd = plus(times(size, lot.price), buyFeeUsd);
  const proceedsUsd = times(size, sellPrice);
  const netProceedsUsd = minus(proceedsUsd, sellFeeUsd);
  return {
    account: fill.account,
    symbol: fill.symbol,
    asset: disposal.asset,
    kind: disposal.kind,
    sellFillId: fill.id,
    sliceIndex,
    buyFillId: lot.buyFillId,
    sellOrderId: fill.orderId,
    buyOrderId: lot.buyOrderId,
    allocatedSize: size,
    buyPrice: lot.price,
    sellPrice,
    buyFeesPerUnit: lot.feesPerUnit,
    sellFeesPerUnit: disposal.fee.perUnit,
    buyFeeUsd,
    sellFeeUsd,
    costBasisUsd,
    proceedsUsd,
    netProceedsUsd,
    pnlUsd: minus(netProceedsUsd, costBasisUsd),
    buyTime: lot.buyTime,
    sellTime: fill.executedAt,
    term: holdingTerm(lot.buyDay, disposal.sellDay),
    ...lotOrigin(lot),
  };
}

// A sell beyond inventory: no lot, so no basis and no acquisition date. The whole net proceeds are
// gain, which overstates tax rather than hiding income; the warning tells the user to import the buys.
function shortfallRow(
  disposal: Disposal,
  size: Decimal,
  sellFeeUsd: Decimal,
  sliceIndex: number,
): Allocation {
  const { fill, sellPrice } = disposal;
  const proceedsUsd = times(size, sellPrice);
  const netProceedsUsd = minus(proceedsUsd, sellFeeUsd);
  return {
    account: fill.account,
    symbol: fill.symbol,
    asset: disposal.asset,
    kind: 'SHORTFALL',
    sellFillId: fill.id,
    sliceIndex,
    buyFillId: null,
    sellOrderId: fill.orderId,
    buyOrderId: null,
    allocatedSize: size,
    buyPrice: ZERO,
    sellPrice,
    buyFeesPerUnit: ZERO,
    sellFeesPerUnit: disposal.fee.perUnit,
    buyFeeUsd: ZERO,
    sellFeeUsd,
    costBasisUsd: ZERO,
    proceedsUsd,
    netProceedsUsd,
    pnlUsd: netProceedsUsd,
    buyTime: null,
    sellTime: fill.executedAt,
    term: null,
  };
}
