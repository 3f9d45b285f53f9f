// Converting between the engine's mutable lots and the exported, immutable Lot.
import { dec, HooklineError } from '@hookline/core';
import type { DayOfInstant } from './calendar-date.js';
import { OpenLot } from './open-lot.js';
import type { Lot } from './types.js';

/** An immutable copy of an open lot, without the engine's cached buy date. */
export function snapshotLot(lot: OpenLot): Lot {
  return {
    account: lot.terms.account,
    asset: lot.terms.asset,
    symbol: lot.terms.symbol,
    buyFillId: lot.terms.buyFillId,
    buyOrderId: lot.terms.buyOrderId,
    buyTime: lot.terms.buyTime,
    buySequence: lot.terms.buySequence,
    price: lot.terms.price,
    size: lot.terms.size,
    remainingSize: lot.remainingSize,
    feeUsd: lot.terms.feeUsd,
    remainingFeeUsd: lot.remainingFeeUsd,
    feesPerUnit: lot.feesPerUnit,
    ...(lot.terms.transferId
      ? { transferId: lot.terms.transferId, transferSliceIndex: lot.terms.transferSliceIndex ?? 0 }
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
  const restored = new OpenLot(
    {
      account: lot.account,
      asset: lot.asset,
      symbol: lot.symbol,
      buyFillId: lot.buyFillId,
      buyOrderId: lot.buyOrderId,
      buyTime: lot.buyTime,
      buySequence: lot.buySequence,
      price: dec(lot.price),
      size,
      feeUsd: dec(lot.feeUsd),
      ...(lot.transferId
        ? { transferId: lot.transferId, transferSliceIndex: lot.transferSliceIndex ?? 0 }
        : {}),
    },
    dayOf(lot.buyTime),
  );
  restored.restoreRemaining(remainingSize, dec(lot.remainingFeeUsd));
  return restored;
}
