// What one transfer does to the books of its asset in both accounts: the source's lots move FIFO to
// the destination with their buy fill, buy date, price and their share of the buy fee (split exactly
// as a sell splits it); TRANSFER rows record the move at zero gain. A network fee paid in the asset
// then leaves the source as FEE_DISPOSAL rows valued at the transfer's fee price: a disposal.
import { type Decimal, minus, ONE, plus, times, ZERO } from '@hookline/core';
import { type Disposal, disposeFifo } from './allocation-rows.js';
import type { CalendarDay } from './calendar-date.js';
import { holdingTerm } from './holding-period.js';
import { lotOrigin } from './lot-origin.js';
import type { LotQueue, LotSlice, OpenLot } from './lot-queue.js';
import { ProportionalFee } from './proportional-fee.js';
import type { LedgerTransfer } from './transfer.js';
import type { Allocation, LedgerFill } from './types.js';

/** The rows a transfer produced, and what the source could not cover (moved or paid as fee). */
export interface ProcessedTransfer {
  readonly allocations: Allocation[];
  /** Units of `quantity` the source did not hold: not moved. */
  readonly missing: Decimal;
  /** Units of the fee the source did not hold: recorded as a SHORTFALL row. */
  readonly missingFee: Decimal;
}

/** Moves `quantity` FIFO from source to destination, then disposes of the fee units. */
export function processTransfer(
  source: LotQueue,
  destination: LotQueue,
  transfer: LedgerTransfer,
  day: CalendarDay,
): ProcessedTransfer {
  const allocations: Allocation[] = [];
  let missing = transfer.quantity;
  while (!missing.isZero()) {
    const slice = source.takeOldest(missing);
    if (!slice) break;
    missing = slice.completes ? ZERO : minus(missing, slice.size);
    const sliceIndex = allocations.length;
    allocations.push(transferRow(transfer, slice, sliceIndex, day));
    destination.insertByAge(arrivedLot(transfer, slice, sliceIndex));
  }
  if (transfer.feeQuantity.isZero()) return { allocations, missing, missingFee: ZERO };
  const feeRows: Allocation[] = [];
  const missingFee = disposeFifo(source, feeDisposal(transfer, day), transfer.feeQuantity, feeRows);
  for (const row of feeRows) {
    allocations.push({ ...row, sliceIndex: allocations.length, transferId: transfer.id });
  }
  return { allocations, missing, missingFee };
}

// Zero gain: proceeds and net proceeds equal the basis that moved (buy price × size + fee slice).
function transferRow(
  transfer: LedgerTransfer,
  slice: LotSlice,
  sliceIndex: number,
  day: CalendarDay,
): Allocation {
  const { lot, size, buyFeeUsd } = slice;
  const costBasisUsd = plus(times(size, lot.price), buyFeeUsd);
  return {
    account: transfer.fromAccount,
    symbol: lot.symbol,
    asset: transfer.asset,
    kind: 'TRANSFER',
    sellFillId: transfer.id,
    transferId: transfer.id,
    sliceIndex,
    buyFillId: lot.buyFillId,
    sellOrderId: null,
    buyOrderId: lot.buyOrderId,
    allocatedSize: size,
    buyPrice: lot.price,
    sellPrice: lot.price,
    buyFeesPerUnit: lot.feesPerUnit,
    sellFeesPerUnit: ZERO,
    buyFeeUsd,
    sellFeeUsd: ZERO,
    costBasisUsd,
    proceedsUsd: costBasisUsd,
    netProceedsUsd: costBasisUsd,
    pnlUsd: ZERO,
    buyTime: lot.buyTime,
    sellTime: transfer.executedAt,
    term: holdingTerm(lot.buyDay, day),
    ...lotOrigin(lot),
  };
}

/** The lot a TRANSFER slice opens in the destination: same buy fill, date and price; its own fee share. */
function arrivedLot(transfer: LedgerTransfer, slice: LotSlice, sliceIndex: number): OpenLot {
  const { lot, size, buyFeeUsd } = slice;
  const fee = new ProportionalFee(buyFeeUsd, size);
  return {
    account: transfer.toAccount,
    asset: transfer.asset,
    symbol: lot.symbol,
    buyFillId: lot.buyFillId,
    buyOrderId: lot.buyOrderId,
    buyTime: lot.buyTime,
    buySequence: lot.buySequence,
    price: lot.price,
    size,
    remainingSize: size,
    feeUsd: buyFeeUsd,
    remainingFeeUsd: buyFeeUsd,
    feesPerUnit: fee.perUnit,
    transferId: transfer.id,
    transferSliceIndex: sliceIndex,
    buyDay: lot.buyDay,
    fee,
  };
}

const noFee = new ProportionalFee(ZERO, ONE);

// The fee units are disposed at the transfer's fee price with no fee of their own.
function feeDisposal(transfer: LedgerTransfer, day: CalendarDay): Disposal {
  const fill: LedgerFill = {
    id: transfer.id,
    account: transfer.fromAccount,
    tradeId: transfer.id,
    orderId: null,
    symbol: `${transfer.asset}/USD`,
    side: 'sell',
    price: transfer.feePriceUsd ?? ZERO,
    size: transfer.feeQuantity,
    fee: ZERO,
    feeCurrency: 'USD',
    executedAt: transfer.executedAt,
    sequence: transfer.sequence,
  };
  return {
    fill,
    asset: transfer.asset,
    kind: 'FEE_DISPOSAL',
    sellPrice: transfer.feePriceUsd ?? ZERO,
    fee: noFee,
    sellDay: day,
  };
}
