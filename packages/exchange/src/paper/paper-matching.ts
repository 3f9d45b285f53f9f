import { ZERO } from '@hookline/core';
import { type PaperOrderRecord, unfilledAmount } from './paper-order.js';
import { endOrder, type SettlementContext, settleFill } from './paper-settlement.js';
import type { SimulatedBook } from './simulated-book.js';

/**
 * What a new order does on arrival: a taker fill per book level it reaches (at that level's price),
 * then GTC limit orders rest and IOC or market orders expire whatever is left.
 */
export function matchArrivingOrder(
  context: SettlementContext,
  order: PaperOrderRecord,
  book: SimulatedBook,
  timeMs: number,
): void {
  // Post-only orders never take: the caller has already refused those that would cross.
  const slices = order.postOnly ? [] : book.take(order.side, order.amount, order.price);
  for (const slice of slices) {
    settleFill(context, order, { price: slice.price, amount: slice.amount, liquidity: 'TAKER', timeMs });
  }
  if (unfilledAmount(order).isZero()) return;
  if (order.type === 'LIMIT' && order.timeInForce === 'GTC') {
    context.openOrders.set(order.id, order);
    return;
  }
  endOrder(context, order, 'EXPIRE', timeMs);
}

/**
 * Fills resting orders that the new book crosses, best price first, then oldest first: a buy
 * fills when the ask has come down to its price, against what the levels up to its price still
 * offer, at its own price with the maker fee.
 */
export function matchRestingOrders(context: SettlementContext, book: SimulatedBook, timeMs: number): void {
  const symbol = book.quote.symbol;
  const resting = [...context.openOrders.values()].filter((order) => order.symbol === symbol);
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

// Price-time priority: higher buys and lower sells first, then the order placed earlier (insertion order is kept by sort).
function byPriority(a: PaperOrderRecord, b: PaperOrderRecord): number {
  if (a.side !== b.side || a.price === undefined || b.price === undefined) return 0;
  const comparison = a.price.comparedTo(b.price);
  return a.side === 'buy' ? -comparison : comparison;
}
