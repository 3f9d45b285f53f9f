// The status of our orders (trade_records): read by client order id or exchange order id, and changed
// only through core's transition(), the one order lifecycle table. Every change is written with the
// status it was computed from (optimistic concurrency), so a concurrent change by the fill stream is
// re-read, never overwritten.
import { type OrderEvent, transition } from '@hookline/core';
import { type OrderRecord, toOrderRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** What applying an event did. */
export type EventOutcome =
  | { readonly applied: true; readonly row: OrderRecord }
  | { readonly applied: false; readonly row: OrderRecord; readonly reason: string };

/** Column changes that travel with a status change (the exchange id, a status reason). */
export interface OrderPatch {
  readonly orderId?: string;
  readonly statusReason?: string;
}

const MAX_RACES = 5;

/** One of our orders by its client order id. */
export async function findOrderByClientOrderId(
  store: Store,
  clientOrderId: string,
): Promise<OrderRecord | null> {
  const row = await clientOf(store).tradeRecord.findUnique({ where: { clientOrderId } });
  return row === null ? null : toOrderRecord(row);
}

/** An order row of the exchange by the exchange's order id (ours or imported). */
export async function findOrderByExchangeOrderId(
  store: Store,
  exchange: string,
  orderId: string,
): Promise<OrderRecord | null> {
  const row = await clientOf(store).tradeRecord.findFirst({ where: { orderId, exchange } });
  return row === null ? null : toOrderRecord(row);
}

/** Stores the exchange's order id on the row, unless the row already has one. */
export async function linkExchangeOrderId(store: Store, rowId: string, orderId: string): Promise<void> {
  await clientOf(store).tradeRecord.updateMany({ where: { id: rowId, orderId: null }, data: { orderId } });
}

/**
 * Applies one lifecycle event to the row of `clientOrderId`. A refused event changes nothing and is
 * reported (ORDER_TRANSITION_REFUSED) for the reconciler; an unchanged status still writes the patch.
 */
export async function applyOrderEvent(
  store: Store,
  clientOrderId: string,
  event: OrderEvent,
  patch: OrderPatch = {},
): Promise<EventOutcome> {
  const prisma = clientOf(store);
  for (let race = 0; race < MAX_RACES; race += 1) {
    const row = await findOrderByClientOrderId(store, clientOrderId);
    if (row === null) throw new Error(`no trade_records row with client_order_id ${clientOrderId}`);
    const verdict = transition(row.status, event);
    if (!verdict.ok) return { applied: false, row, reason: `ORDER_TRANSITION_REFUSED: ${verdict.reason}` };
    const data = {
      status: verdict.next,
      ...(patch.orderId !== undefined && row.orderId === null ? { orderId: patch.orderId } : {}),
      ...(patch.statusReason !== undefined ? { statusReason: patch.statusReason } : {}),
    };
    const updated = await prisma.tradeRecord.updateMany({ where: { id: row.id, status: row.status }, data });
    if (updated.count === 1) return { applied: true, row: { ...row, ...data } };
  }
  throw new Error(`order ${clientOrderId} changed status ${MAX_RACES} times while an event was applied`);
}
