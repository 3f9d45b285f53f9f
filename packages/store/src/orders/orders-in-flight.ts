// The reconciler's view of our orders in flight: the working orders it looks up at the exchange, the
// fills that name an order (proof it existed), and the mark of a row it has checked.
import type { OrderStatus } from '@hookline/core';
import { type OrderRecord, toOrderRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** The statuses of an order that may still change at the exchange (a NEW one was never sent). */
export const ordersInFlightStatuses: readonly OrderStatus[] = [
  'SUBMITTED',
  'OPEN',
  'PARTIALLY_FILLED',
  'PENDING_CANCEL',
];

/** The account's orders at the exchange in a status that may still change, oldest first. */
export async function readOrdersInFlight(
  store: Store,
  query: { readonly account: string; readonly exchange: string },
): Promise<OrderRecord[]> {
  const rows = await clientOf(store).tradeRecord.findMany({
    where: { account: query.account, exchange: query.exchange, status: { in: [...ordersInFlightStatuses] } },
    orderBy: { orderTime: 'asc' },
  });
  return rows.map(toOrderRecord);
}

/** How many fills name the order: linked to its row, or carrying its client order id. */
export async function countFillsOfOrder(
  store: Store,
  order: Pick<OrderRecord, 'id' | 'clientOrderId'>,
): Promise<number> {
  return await clientOf(store).fill.count({
    where: { OR: [{ tradeRecordId: order.id }, { clientOrderId: order.clientOrderId }] },
  });
}

/**
 * Stamps the row as reconciled at `at`; `orderId` (the exchange's id, when the lookup found the
 * order) is stored only on a row that has none yet.
 */
export async function markOrderReconciled(
  store: Store,
  order: Pick<OrderRecord, 'id' | 'orderId'>,
  at: Date,
  orderId: string | undefined,
): Promise<void> {
  await clientOf(store).tradeRecord.update({
    where: { id: order.id },
    data: {
      lastReconciledAt: at,
      ...(orderId !== undefined && order.orderId === null ? { orderId } : {}),
    },
  });
}
