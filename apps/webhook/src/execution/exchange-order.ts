// Brings one of our order rows up to the exchange's report of the order. Every status change is one
// lifecycle event through the store's applyOrderEvent, i.e. core's transition(): the exchange is the
// truth, but a change the lifecycle refuses is logged and left for the reconciler.
import type { OrderEvent, OrderStatus } from '@hookline/core';
import type { ExchangeOrder } from '@hookline/exchange';
import {
  applyOrderEvent,
  findOrderByClientOrderId,
  linkExchangeOrderId,
  type OrderRecord,
  type Store,
} from '@hookline/store';
import type { Logger } from 'pino';

/** The events that bring our row to the status the exchange reports (the exchange is the truth). */
export function eventsToReach(status: OrderStatus): readonly OrderEvent[] {
  switch (status) {
    case 'NEW':
    case 'SUBMITTED':
    case 'PENDING_CANCEL':
      return [];
    case 'OPEN':
      return ['ACCEPT'];
    case 'PARTIALLY_FILLED':
      return ['ACCEPT', 'PARTIAL_FILL'];
    case 'FILLED':
      return ['FILL'];
    case 'CANCELED':
      return ['CANCEL_CONFIRMED'];
    case 'REJECTED':
      return ['REJECT'];
    case 'EXPIRED':
      return ['EXPIRE'];
  }
}

/**
 * Brings the row of the exchange's order up to the exchange's state and stores the exchange order
 * id. Quantities are not copied: filled size and prices come only from fills (the ledger).
 */
export async function applyExchangeOrder(
  store: Store,
  order: ExchangeOrder,
  logger: Logger,
): Promise<OrderRecord | null> {
  let row = await findOrderByClientOrderId(store, order.clientOrderId);
  if (row === null) return null; // not ours: the reconciler imports it
  if (row.orderId === null) {
    await linkExchangeOrderId(store, row.id, order.id);
    row = { ...row, orderId: order.id };
  }
  for (const event of eventsToReach(order.status)) {
    if (row.status === order.status) break;
    const outcome = await applyOrderEvent(store, order.clientOrderId, event, { orderId: order.id });
    row = outcome.row;
    if (!outcome.applied) {
      logger.warn(
        { clientOrderId: order.clientOrderId, status: row.status, exchangeStatus: order.status, event },
        outcome.reason,
      );
      break;
    }
  }
  return row;
}
