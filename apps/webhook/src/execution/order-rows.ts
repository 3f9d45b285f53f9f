// The only place the executor changes a trade_records row's status: every change goes through core's
// transition() and is written with the status it was computed from (optimistic concurrency), so a
// concurrent change by the fill stream is re-read, never overwritten.
import { type OrderEvent, type OrderStatus, transition } from '@hookline/core';
import type { PrismaClient, TradeRecord } from '@hookline/db';
import type { ExchangeOrder } from '@hookline/exchange';
import type { Logger } from 'pino';

/** What applying an event did. */
export type EventOutcome =
  | { readonly applied: true; readonly row: TradeRecord }
  | { readonly applied: false; readonly row: TradeRecord; readonly reason: string };

/** Column changes that travel with a status change (the exchange id, a status reason). */
export interface RowPatch {
  readonly orderId?: string;
  readonly statusReason?: string;
}

const MAX_RACES = 5;

/** Reads one of our orders by its client order id. */
export async function findOrderRow(prisma: PrismaClient, clientOrderId: string): Promise<TradeRecord | null> {
  return await prisma.tradeRecord.findUnique({ where: { clientOrderId } });
}

/**
 * Applies one lifecycle event to the row of `clientOrderId`. A refused event changes nothing and is
 * reported (ORDER_TRANSITION_REFUSED) for the reconciler; an unchanged status still writes the patch.
 */
export async function applyOrderEvent(
  prisma: PrismaClient,
  clientOrderId: string,
  event: OrderEvent,
  patch: RowPatch = {},
): Promise<EventOutcome> {
  for (let race = 0; race < MAX_RACES; race += 1) {
    const row = await findOrderRow(prisma, clientOrderId);
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
  prisma: PrismaClient,
  order: ExchangeOrder,
  logger: Logger,
): Promise<TradeRecord | null> {
  let row = await findOrderRow(prisma, order.clientOrderId);
  if (row === null) return null; // not ours: the reconciler imports it
  if (row.orderId === null) {
    await prisma.tradeRecord.updateMany({
      where: { id: row.id, orderId: null },
      data: { orderId: order.id },
    });
    row = { ...row, orderId: order.id };
  }
  for (const event of eventsToReach(order.status)) {
    if (row.status === order.status) break;
    const outcome = await applyOrderEvent(prisma, order.clientOrderId, event, { orderId: order.id });
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
