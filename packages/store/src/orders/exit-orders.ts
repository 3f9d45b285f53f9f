// The trade_records rows the exits read and move: an exit's orders (one per attempt of its
// decision), our working orders on a symbol (canceled before an exit starts; the working sells are
// what the exit risk gate sees), and an exit order brought up to the exchange's state when the
// stream did not report its end.
import { type OrderEvent, type OrderStatus, transition } from '@hookline/core';
import type { PrismaClient, TradeRecord } from '@hookline/db';
import type { ExchangeOrder } from '@hookline/exchange';
import { type OrderRecord, toOrderRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** Order statuses still working at the exchange (or possibly about to). */
const WORKING_ORDER_STATUSES = ['NEW', 'SUBMITTED', 'OPEN', 'PARTIALLY_FILLED', 'PENDING_CANCEL'] as const;

/** Which working orders to read. */
export interface WorkingOrdersQuery {
  readonly account: string;
  readonly symbol: string;
}

/** Every order of a decision (an exit's attempts), in no particular order. */
export async function readExitOrders(store: Store, decisionId: string): Promise<OrderRecord[]> {
  const rows = await clientOf(store).tradeRecord.findMany({ where: { decisionId } });
  return rows.map(toOrderRecord);
}

/** One of our orders by its client order id. */
export async function findExitOrder(store: Store, clientOrderId: string): Promise<OrderRecord | null> {
  const row = await clientOf(store).tradeRecord.findUnique({ where: { clientOrderId } });
  return row === null ? null : toOrderRecord(row);
}

/** Our working sells on the symbol (what the exit risk gate counts as open orders). */
export async function readWorkingSells(store: Store, query: WorkingOrdersQuery): Promise<OrderRecord[]> {
  const rows = await clientOf(store).tradeRecord.findMany({
    where: {
      account: query.account,
      symbol: query.symbol,
      side: 'SELL',
      status: { in: [...WORKING_ORDER_STATUSES] },
    },
  });
  return rows.map(toOrderRecord);
}

/** Every working order of ours on the symbol, entries included, oldest first. */
export async function readWorkingOrdersOnSymbol(
  store: Store,
  query: WorkingOrdersQuery,
): Promise<OrderRecord[]> {
  const rows = await clientOf(store).tradeRecord.findMany({
    where: { account: query.account, symbol: query.symbol, status: { in: [...WORKING_ORDER_STATUSES] } },
    orderBy: { orderTime: 'asc' },
  });
  return rows.map(toOrderRecord);
}

/** What bringing an order up to the exchange's state did. */
export interface ExchangeOrderSync {
  /** The row afterwards; null when the order is not ours (the reconciler imports it). */
  readonly row: OrderRecord | null;
  /** The event the row's status refused (ORDER_TRANSITION_REFUSED), which stopped the catch-up. */
  readonly refused?: { readonly event: OrderEvent; readonly reason: string };
}

const MAX_RACES = 5;

/**
 * Brings the row of the exchange's order up to the exchange's state and stores the exchange order
 * id. Quantities are not copied: filled size and prices come only from fills (the ledger). Every
 * status change goes through core's transition() and is written with the status it was computed
 * from, so a concurrent change by the fill stream is re-read, never overwritten.
 */
export async function syncExitOrderWithExchange(
  store: Store,
  order: ExchangeOrder,
): Promise<ExchangeOrderSync> {
  const prisma = clientOf(store);
  let row = await findRow(prisma, order.clientOrderId);
  if (row === null) return { row: null };
  if (row.orderId === null) {
    await prisma.tradeRecord.updateMany({
      where: { id: row.id, orderId: null },
      data: { orderId: order.id },
    });
    row = { ...row, orderId: order.id };
  }
  for (const event of eventsToReach(order.status)) {
    if (row.status === order.status) break;
    const outcome = await applyEvent(prisma, order.clientOrderId, event, order.id);
    row = outcome.row;
    if (!outcome.applied) return { row: toOrderRecord(row), refused: { event, reason: outcome.reason } };
  }
  return { row: toOrderRecord(row) };
}

async function findRow(prisma: PrismaClient, clientOrderId: string): Promise<TradeRecord | null> {
  return await prisma.tradeRecord.findUnique({ where: { clientOrderId } });
}

type EventOutcome =
  | { readonly applied: true; readonly row: TradeRecord }
  | { readonly applied: false; readonly row: TradeRecord; readonly reason: string };

// One lifecycle event on the row, retried while a concurrent writer changes the status under it.
async function applyEvent(
  prisma: PrismaClient,
  clientOrderId: string,
  event: OrderEvent,
  orderId: string,
): Promise<EventOutcome> {
  for (let race = 0; race < MAX_RACES; race += 1) {
    const row = await findRow(prisma, clientOrderId);
    if (row === null) throw new Error(`no trade_records row with client_order_id ${clientOrderId}`);
    const verdict = transition(row.status, event);
    if (!verdict.ok) return { applied: false, row, reason: `ORDER_TRANSITION_REFUSED: ${verdict.reason}` };
    const data = { status: verdict.next, ...(row.orderId === null ? { orderId } : {}) };
    const updated = await prisma.tradeRecord.updateMany({ where: { id: row.id, status: row.status }, data });
    if (updated.count === 1) return { applied: true, row: { ...row, ...data } };
  }
  throw new Error(`order ${clientOrderId} changed status ${MAX_RACES} times while an event was applied`);
}

// The events that bring our row to the status the exchange reports (the exchange is the truth).
function eventsToReach(status: OrderStatus): readonly OrderEvent[] {
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
