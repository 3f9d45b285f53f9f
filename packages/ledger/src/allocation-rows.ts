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

/**
 * Takes `quantity` from the queue FIFO and appends the rows to `rows`, numbered on from its length;
 * what the lots cannot cover becomes one SHORTFALL row (zero basis), and that quantity is returned.
 * The disposal's fee is spread over the rows by size: each its truncated share, the last row the
 * remainder, so they add up exactly.
 */
export function disposeFifo(
  queue: LotQueue,
  disposal: Disposal,
  quantity: Decimal,
  rows: Allocation[],
): Decimal {
  const { fee } = disposal;
  let feeLeft = fee.total;
  // Never zero inside the loop: a slice that does not complete took less than what was missing.
  let missing = quantity;
  if (missing.isZero()) return ZERO;
  for (;;) {
    const slice = queue.takeOldest(missing);
    if (!slice) break;
    if (slice.completes) {
      rows.push(lotRow(disposal, slice, feeLeft, rows.length));
      return ZERO;
    }
    missing = minus(missing, slice.size);
    const sellFeeUsd = fee.share(slice.size);
    if (!sellFeeUsd.isZero()) feeLeft = minus(feeLeft, sellFeeUsd);
    rows.push(lotRow(disposal, slice, sellFeeUsd, rows.length));
  }
  rows.push(shortfallRow(disposal, missing, feeLeft, rows.length));
  return missing;
}

// x + y and x − y for a y that is often zero (no fee): the same value without the arithmetic.
function plusFee(x: Decimal, fee: Decimal): Decimal {
  return fee.isZero() ? x : plus(x, fee);
}

function minusFee(x: Decimal, fee: Decimal): Decimal {
  return fee.isZero() ? x : minus(x, fee);
}

function lotRow(disposal: Disposal, slice: LotSlice, sellFeeUsd: Decimal, sliceIndex: number): Allocation {
  const { fill, sellPrice } = disposal;
  const { lot, size, buyFeeUsd } = slice;
  const costBasisUsd = plusFee(times(size, lot.price), buyFeeUsd);
  const proceedsUsd = times(size, sellPrice);
  const netProceedsUsd = minusFee(proceedsUsd, sellFeeUsd);
  const pnlUsd = minus(netProceedsUsd, costBasisUsd);
  const term = holdingTerm(lot.buyDay, disposal.sellDay);
  // One literal for the usual row (no lot origin); only a lot that arrived by transfer copies it once more.
  const row: Allocation = {
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
    pnlUsd,
    buyTime: lot.buyTime,
    sellTime: fill.executedAt,
    term,
  };
  return lot.transferId === undefined || lot.transferId === null ? row : { ...row, ...lotOrigin(lot) };
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
  const netProceedsUsd = minusFee(proceedsUsd, sellFeeUsd);
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
