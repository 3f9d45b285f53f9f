// Converting between the engine's mutable lots and the exported, immutable Lot.
import { dec, HooklineError } from '@hookline/core';
import type { DayOfInstant } from './calendar-date.js';
import type { OpenLot } from './lot-queue.js';
import { ProportionalFee } from './proportional-fee.js';
import type { Lot } from './types.js';

/** An immutable copy of an open lot, without the engine's cached buy date. */
export function snapshotLot(lot: OpenLot): Lot {
  return {
    account: lot.account,
    asset: lot.asset,
    symbol: lot.symbol,
    buyFillId: lot.buyFillId,
    buyOrderId: lot.buyOrderId,
    buyTime: lot.buyTime,
    buySequence: lot.buySequence,
    price: lot.price,
    size: lot.size,
    remainingSize: lot.remainingSize,
    feeUsd: lot.feeUsd,
    remainingFeeUsd: lot.remainingFeeUsd,
    feesPerUnit: lot.feesPerUnit,
    ...(lot.transferId
      ? { transferId: lot.transferId, transferSliceIndex: lot.transferSliceIndex ?? 0 }
      : {}),
  };
}

/** An engine lot from exported or stored data; buy date and per-unit fee are recomputed, not trusted. */
export function restoreLot(lot: Lot, dayOf: DayOfInstant): OpenLot {
  const size = dec(lot.size);
  const remainingSize = dec(lot.remainingSize);
  if (!remainingSize.greaterThan(0) || remainingSize.greaterThan(size)) {
    throw new HooklineError('INVALID_ARGUMENT', `lot ${lot.buyFillId}: remaining size must be in (0, size]`, {
      context: {
        buyFillId: lot.buyFillId,
        size: lot.size.toFixed(),
        remainingSize: lot.remainingSize.toFixed(),
      },
    });
  }
  const fee = new ProportionalFee(dec(lot.feeUsd), size);
  return {
    account: lot.account,
    asset: lot.asset,
    symbol: lot.symbol,
    buyFillId: lot.buyFillId,
    buyOrderId: lot.buyOrderId,
    buyTime: lot.buyTime,
    buySequence: lot.buySequence,
    price: dec(lot.price),
    size,
    remainingSize,
    feeUsd: fee.total,
    remainingFeeUsd: dec(lot.remainingFeeUsd),
    feesPerUnit: fee.perUnit,
    ...(lot.transferId
      ? { transferId: lot.transferId, transferSliceIndex: lot.transferSliceIndex ?? 0 }
      : {}),
    buyDay: dayOf(lot.buyTime),
    fee,
  };
}
