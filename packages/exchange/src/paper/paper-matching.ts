import { type Decimal, ONE, ZERO } from '@hookline/core';
import { type PaperOrderRecord, unfilledAmount } from './paper-order.js';
import { endOrder, type SettlementContext, settleFill } from './paper-settlement.js';
import type { SimulatedBook } from './simulated-book.js';

/**
 * What a new order does on arrival: a taker fill per book level it reaches (at that level's price),
 * then GTC limit orders rest and IOC or market orders expire whatever is left. A market buy that
 * `waited` (a match delay) was reserved for the book it was placed on: at a higher price it takes
 * no more than its reservation and the account's free money pay, so no balance goes negative.
 */
export function matchArrivingOrder(
  context: SettlementContext,
  order: PaperOrderRecord,
  book: SimulatedBook,
  timeMs: number,
  waited = false,
): void {
  const budget =
    waited && order.side === 'buy' && order.type === 'MARKET'
      ? order.reserved.plus(context.balances.available(order.quote)).dividedBy(ONE.plus(context.fees.taker))
      : undefined;
  // Post-only orders never take: the caller has already refused those that would cross.
  const slices = order.postOnly ? [] : book.take(order.side, order.amount, order.price, false, budget);
  for (const slice of slices) {
    settleFill(context, order, { price: slice.price, amount: slice.amount, liquidity: 'TAKER', timeMs });
  }
  if (unfilledAmount(order).isZero()) return;
  if (order.type !== 'MARKET' && order.timeInForce === 'GTC') {
    context.openOrders.set(order.id, order);
    return;
  }
  endOrder(context, order, 'EXPIRE', timeMs);
}

/**
 * Fills resting orders that the new book crosses, best price first, then oldest first: a buy
 * fills when the ask has come down to its price, against what the levels up to its price still
 * offer, at its own price with the maker fee. First, every waiting stop whose stop price the bid has
 * reached goes live: it takes what the book offers down to its limit (taker fills, oldest stop
 * first) and rests with the rest like any limit.
 */
export function matchRestingOrders(context: SettlementContext, book: SimulatedBook, timeMs: number): void {
  const symbol = book.quote.symbol;
  triggerStops(context, book, timeMs);
  const resting = [...context.openOrders.values()].filter(
    (order) => order.symbol === symbol && !order.waiting && order.arrivesAtMs === undefined,
  );
  resting.sort(byPriority);
  for (const order of resting) {
    const price = order.price;
    if (price === undefined || !book.wouldCross(order.side, price)) continue;
    const available = book
      .take(order.side, unfilledAmount(order), price)
      .reduce((total, slice) => total.plus(slice.amount), ZERO);
    if (available.greaterThan(0))
      settleFill(context, order, { price, amount: available, liquidity: 'MAKER', timeMs });
  }
}

/** True when the bid has fallen to the stop's trigger (a sell stop: bid ≤ stop price) at the venue. */
export function stopTriggered(order: PaperOrderRecord, bid: Decimal): boolean {
  return (
    order.waiting &&
    order.arrivesAtMs === undefined &&
    order.stopPrice !== undefined &&
    bid.lessThanOrEqualTo(order.stopPrice)
  );
}

function triggerStops(context: SettlementContext, book: SimulatedBook, timeMs: number): void {
  for (const order of [...context.openOrders.values()]) {
    if (order.symbol !== book.quote.symbol || !stopTriggered(order, book.quote.bid)) continue;
    order.waiting = false;
    order.updatedAtMs = timeMs;
    for (const slice of book.take(order.side, unfilledAmount(order), order.price)) {
      settleFill(context, order, { price: slice.price, amount: slice.amount, liquidity: 'TAKER', timeMs });
    }
  }
}

// Price-time priority: higher buys and lower sells first, then the order placed earlier (insertion order is kept by sort).
function byPriority(a: PaperOrderRecord, b: PaperOrderRecord): number {
  if (a.side !== b.side || a.price === undefined || b.price === undefined) return 0;
  const comparison = a.price.comparedTo(b.price);
  return a.side === 'buy' ? -comparison : comparison;
}
