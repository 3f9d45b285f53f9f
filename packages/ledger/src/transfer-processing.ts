// What one transfer does to the books of its asset in both accounts: the source's lots move FIFO to
// the destination with their buy fill, buy date, price and their share of the buy fee (split exactly
// as a sell splits it); TRANSFER rows record the move at zero gain. A network fee paid in the asset
// then leaves the source as FEE_DISPOSAL rows valued at the transfer's fee price: a disposal.
import { type Decimal, ONE, ZERO } from '@hookline/core';
import { type Disposal, disposeFifo } from './allocation-rows.js';
import type { CalendarDay } from './calendar-date.js';
import { ExactAmount } from './exact-amount.js';
import { ExactQuantity } from './exact-quantity.js';
import { holdingTerm } from './holding-period.js';
import { lotOrigin } from './lot-origin.js';
import type { LotQueue, LotSlice } from './lot-queue.js';
import { OpenLot } from './open-lot.js';
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
  const missing = ExactQuantity.of(transfer.quantity);
  while (!missing.isZero()) {
    const slice = source.takeOldest(missing);
    if (!slice) break;
    if (slice.completes) missing.setDecimal(ZERO);
    else missing.setDifference(missing, slice.size);
    const sliceIndex = allocations.length;
    allocations.push(transferRow(transfer, slice, sliceIndex, day));
    destination.insertByAge(arrivedLot(transfer, slice, sliceIndex));
  }
  if (transfer.feeQuantity.isZero()) return { allocations, missing: missing.decimal, missingFee: ZERO };
  const feeRows: Allocation[] = [];
  const missingFee = disposeFifo(source, feeDisposal(transfer, day), transfer.feeQuantity, feeRows);
  for (const row of feeRows) {
    allocations.push({ ...row, sliceIndex: allocations.length, transferId: transfer.id });
  }
  return { allocations, missing: missing.decimal, missingFee };
}

// The basis of the slice being moved (reused: read into its row before the next slice).
const costBasis = new ExactAmount();

// Zero gain: proceeds and net proceeds equal the basis that moved (buy price × size + fee slice).
function transferRow(
  transfer: LedgerTransfer,
  slice: LotSlice,
  sliceIndex: number,
  day: CalendarDay,
): Allocation {
  const { lot, size, buyFee } = slice;
  const buyFeeUsd = buyFee.decimal;
  costBasis.setProduct(size, slice.price);
  costBasis.setSum(costBasis, buyFee);
  const costBasisUsd = costBasis.decimal;
  return {
    account: transfer.fromAccount,
    symbol: lot.terms.symbol,
    asset: transfer.asset,
    kind: 'TRANSFER',
    sellFillId: transfer.id,
    transferId: transfer.id,
    sliceIndex,
    buyFillId: lot.terms.buyFillId,
    sellOrderId: null,
    buyOrderId: lot.terms.buyOrderId,
    allocatedSize: size.decimal,
    buyPrice: lot.terms.price,
    sellPrice: lot.terms.price,
    buyFeesPerUnit: lot.feesPerUnit,
    sellFeesPerUnit: ZERO,
    buyFeeUsd,
    sellFeeUsd: ZERO,
    costBasisUsd,
    proceedsUsd: costBasisUsd,
    netProceedsUsd: costBasisUsd,
    pnlUsd: ZERO,
    buyTime: lot.terms.buyTime,
    sellTime: transfer.executedAt,
    term: holdingTerm(lot.buyDay, day),
    ...lotOrigin(lot.terms),
  };
}

/** The lot a TRANSFER slice opens in the destination: same buy fill, date and price; its own fee share. */
function arrivedLot(transfer: LedgerTransfer, slice: LotSlice, sliceIndex: number): OpenLot {
  const { lot } = slice;
  // The buy fill's columns as they were; account, asset, size and fee are the moved slice's.
  return new OpenLot(
    {
      ...lot.terms,
      account: transfer.toAccount,
      asset: transfer.asset,
      size: slice.size.decimal,
      feeUsd: slice.buyFee.decimal,
      transferId: transfer.id,
      transferSliceIndex: sliceIndex,
    },
    lot.buyDay,
  );
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
  const sellPrice = transfer.feePriceUsd ?? ZERO;
  return {
    fill,
    asset: transfer.asset,
    kind: 'FEE_DISPOSAL',
    sellPrice,
    priceFactor: ExactQuantity.of(sellPrice),
    fee: noFee,
    sellDay: day,
  };
}
