// Turns what a disposal took from the lots into fifo_allocations rows. Every money column is derived
// from stored columns by one formula, so each row checks out exactly:
//   cost_basis = allocated_size × buy_price + buy_fee_usd      (the fee slice, not size × per-unit fee,
//   proceeds   = allocated_size × sell_price                    so the slices of one fill add up)
//   net        = proceeds − sell_fee_usd
//   pnl        = net − cost_basis
// The arithmetic is the engine's exact values (exact-amount.ts), each column's Decimal made once.
import { type Decimal, ZERO } from '@hookline/core';
import type { CalendarDay } from './calendar-date.js';
import { ExactAmount } from './exact-amount.js';
import { ExactQuantity } from './exact-quantity.js';
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
  /** sellPrice as a factor of the engine's exact arithmetic. */
  readonly priceFactor: ExactQuantity;
  /** The USD fee spread over these rows by the fill's size (zero for a FEE_DISPOSAL). */
  readonly fee: ProportionalFee;
  readonly sellDay: CalendarDay;
}

// The disposal in progress and the columns of the row being made: one disposal at a time, and each
// value is read into its row's Decimal before the next row reuses it.
const missing = new ExactQuantity();
const feeLeft = new ExactAmount();
const sliceFee = new ExactAmount();
const costBasis = new ExactAmount();
const proceeds = new ExactAmount();
const netProceeds = new ExactAmount();
const pnl = new ExactAmount();

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
  if (quantity.isZero()) return ZERO;
  // Never zero inside the loop: a slice that does not complete took less than what was missing.
  missing.setDecimal(quantity);
  feeLeft.setDecimal(fee.total);
  for (;;) {
    const slice = queue.takeOldest(missing);
    if (!slice) break;
    if (slice.completes) {
      rows.push(lotRow(disposal, slice, feeLeft, rows.length));
      return ZERO;
    }
    missing.setDifference(missing, slice.size);
    fee.shareInto(sliceFee, slice.size);
    if (!sliceFee.isZero()) feeLeft.setDifference(feeLeft, sliceFee);
    rows.push(lotRow(disposal, slice, sliceFee, rows.length));
  }
  rows.push(shortfallRow(disposal, missing, feeLeft, rows.length));
  return missing.decimal;
}

// proceeds − sellFee, or proceeds itself for a zero fee (the same value without the arithmetic).
function netOf(proceedsAmount: ExactAmount, sellFee: ExactAmount): ExactAmount {
  if (sellFee.isZero()) return proceedsAmount;
  netProceeds.setDifference(proceedsAmount, sellFee);
  return netProceeds;
}

function lotRow(disposal: Disposal, slice: LotSlice, sellFee: ExactAmount, sliceIndex: number): Allocation {
  const { fill, sellPrice } = disposal;
  const { lot, size, buyFee } = slice;
  costBasis.setProduct(size, slice.price);
  if (!buyFee.isZero()) costBasis.setSum(costBasis, buyFee);
  proceeds.setProduct(size, disposal.priceFactor);
  const net = netOf(proceeds, sellFee);
  pnl.setDifference(net, costBasis);
  const term = holdingTerm(lot.buyDay, disposal.sellDay);
  // One literal for the usual row (no lot origin); only a lot that arrived by transfer copies it once more.
  const row: Allocation = {
    account: fill.account,
    symbol: fill.symbol,
    asset: disposal.asset,
    kind: disposal.kind,
    sellFillId: fill.id,
    sliceIndex,
    buyFillId: lot.terms.buyFillId,
    sellOrderId: fill.orderId,
    buyOrderId: lot.terms.buyOrderId,
    allocatedSize: size.decimal,
    buyPrice: lot.terms.price,
    sellPrice,
    buyFeesPerUnit: lot.feesPerUnit,
    sellFeesPerUnit: disposal.fee.perUnit,
    buyFeeUsd: buyFee.decimal,
    sellFeeUsd: sellFee.decimal,
    costBasisUsd: costBasis.decimal,
    proceedsUsd: proceeds.decimal,
    netProceedsUsd: net.decimal,
    pnlUsd: pnl.decimal,
    buyTime: lot.terms.buyTime,
    sellTime: fill.executedAt,
    term,
  };
  return lot.terms.transferId === undefined || lot.terms.transferId === null
    ? row
    : { ...row, ...lotOrigin(lot.terms) };
}

// A sell beyond inventory: no lot, so no basis and no acquisition date. The whole net proceeds are
// gain, which overstates tax rather than hiding income; the warning tells the user to import the buys.
function shortfallRow(
  disposal: Disposal,
  size: ExactQuantity,
  sellFee: ExactAmount,
  sliceIndex: number,
): Allocation {
  const { fill, sellPrice } = disposal;
  proceeds.setProduct(size, disposal.priceFactor);
  const netProceedsUsd = netOf(proceeds, sellFee).decimal;
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
    allocatedSize: size.decimal,
    buyPrice: ZERO,
    sellPrice,
    buyFeesPerUnit: ZERO,
    sellFeesPerUnit: disposal.fee.perUnit,
    buyFeeUsd: ZERO,
    sellFeeUsd: sellFee.decimal,
    costBasisUsd: ZERO,
    proceedsUsd: proceeds.decimal,
    netProceedsUsd,
    pnlUsd: netProceedsUsd,
    buyTime: null,
    sellTime: fill.executedAt,
    term: null,
  };
}
