// What one valued buy or sell does to the lots of its (account, asset).
import { type Decimal, ONE, ZERO } from '@hookline/core';
import { type Disposal, disposeFifo } from './allocation-rows.js';
import type { CalendarDay } from './calendar-date.js';
import { ExactQuantity } from './exact-quantity.js';
import type { FillValuation } from './fill-valuation.js';
import type { LotQueue } from './lot-queue.js';
import { OpenLot } from './open-lot.js';
import { ProportionalFee } from './proportional-fee.js';
import type { Allocation, LedgerFill } from './types.js';

/**
 * A buy opens a lot of its gross size whose basis carries the whole fee value. A base-asset fee is
 * then disposed at once: its units leave holdings FIFO (usually from an older lot, when one exists)
 * as FEE_DISPOSAL rows whose proceeds are units × fill price, the value added to the basis. Over a
 * lot's life this nets to the economics: paid size × price, received size − fee units. The rows are
 * appended to `rows`; returns the fee units disposed of beyond inventory.
 */
export function processBuy(
  queue: LotQueue,
  fill: LedgerFill,
  valuation: FillValuation,
  buyDay: CalendarDay,
  rows: Allocation[],
): Decimal {
  const { price, size, feeUsd, baseFeeUnits } = valuation;
  const lot = new OpenLot(
    {
      account: fill.account,
      asset: valuation.pair.base,
      symbol: fill.symbol,
      buyFillId: fill.id,
      buyOrderId: fill.orderId,
      buyTime: fill.executedAt,
      buySequence: fill.sequence,
      price,
      size,
      feeUsd,
    },
    buyDay,
  );
  queue.push(lot);
  if (baseFeeUnits.isZero()) return ZERO;
  return disposeFifo(
    queue,
    feeDisposal(fill, valuation, ExactQuantity.of(price), buyDay),
    baseFeeUnits,
    rows,
  );
}

/**
 * A sell disposes of its size FIFO; its fee value is spread over those rows and lowers their net
 * proceeds. A base-asset fee on a sell increases the quantity disposed: after the sold units, the fee
 * units leave holdings as FEE_DISPOSAL rows (proceeds = units × price), while their value is the
 * sell fee, the mirror of the buy rule. Net effect: gave size + fee units, received size × price.
 * The rows are appended to `rows`; returns the quantity disposed of beyond inventory.
 */
export function processSell(
  queue: LotQueue,
  fill: LedgerFill,
  valuation: FillValuation,
  sellDay: CalendarDay,
  rows: Allocation[],
): Decimal {
  const { price, size, feeUsd, baseFeeUnits } = valuation;
  const priceFactor = ExactQuantity.of(price);
  const sale: Disposal = {
    fill,
    asset: valuation.pair.base,
    kind: 'SELL',
    sellPrice: price,
    priceFactor,
    fee: feeUsd.isZero() ? noFee : new ProportionalFee(feeUsd, size),
    sellDay,
  };
  const missing = disposeFifo(queue, sale, size, rows);
  if (baseFeeUnits.isZero()) return missing;
  const missingFee = disposeFifo(
    queue,
    feeDisposal(fill, valuation, priceFactor, sellDay),
    baseFeeUnits,
    rows,
  );
  return missingFee.isZero() ? missing : missing.plus(missingFee);
}

// A zero fee shares out as zero whatever the whole: total, per-unit value and every share are ZERO.
const noFee = new ProportionalFee(ZERO, ONE);

// Fee units are disposed at the fill price with no fee of their own (their value already counts as
// the fill's fee), so proceeds = net proceeds = units × price.
function feeDisposal(
  fill: LedgerFill,
  valuation: FillValuation,
  priceFactor: ExactQuantity,
  day: CalendarDay,
): Disposal {
  return {
    fill,
    asset: valuation.pair.base,
    kind: 'FEE_DISPOSAL',
    sellPrice: valuation.price,
    priceFactor,
    fee: noFee,
    sellDay: day,
  };
}
