// Step 1: our working orders (SUBMITTED, OPEN, PARTIALLY_FILLED, PENDING_CANCEL) are looked up at the
// exchange and brought to its status through core's transition() (applyOrderEvent). An unknown outcome
// is not a rejection: an order the exchange does not know is REJECTED only when the lookup proves it
// absent, the order was never acknowledged, no fill names it, and the intent is older than a grace
// period (the executor may still be retrying it with the same client order id).
import type { Clock, OrderStatus } from '@hookline/core';
import type { PrismaClient, TradeRecord } from '@hookline/db';
import { type ExchangeOrder, type ExchangePort, isExchangeError } from '@hookline/exchange';
import { applyOrderEvent, eventsToReach } from '../execution/order-rows.js';
import type { ReportDraft } from './reconcile-report.js';

/** The statuses of an order that may still change at the exchange. */
export const workingStatuses: readonly OrderStatus[] = [
  'SUBMITTED',
  'OPEN',
  'PARTIALLY_FILLED',
  'PENDING_CANCEL',
];

/** What the in-flight step needs. */
export interface OrdersInFlightContext {
  readonly prisma: PrismaClient;
  readonly exchange: ExchangePort;
  readonly clock: Clock;
  readonly account: string;
  readonly exchangeName: string;
  /** How old an intent must be before a NOT_FOUND lookup may reject it. */
  readonly notFoundGraceMs: number;
}

/** Resolves every working order of the account; a failed lookup (other than NOT_FOUND) throws. */
export async function resolveOrdersInFlight(
  context: OrdersInFlightContext,
  draft: ReportDraft,
): Promise<void> {
  const { prisma, account, exchangeName } = context;
  const rows = await prisma.tradeRecord.findMany({
    where: { account, exchange: exchangeName, status: { in: [...workingStatuses] } },
    orderBy: { orderTime: 'asc' },
  });
  for (const row of rows) await resolveOne(context, row, draft);
}

async function resolveOne(
  context: OrdersInFlightContext,
  row: TradeRecord,
  draft: ReportDraft,
): Promise<void> {
  const { exchange } = context;
  // Imported rows carry a synthesized client order id: look those (and every acknowledged order) up by
  // the exchange's id.
  const reference =
    row.orderId === null
      ? { clientOrderId: row.clientOrderId, symbol: row.symbol }
      : { orderId: row.orderId, symbol: row.symbol };
  let order: ExchangeOrder;
  try {
    order = await exchange.fetchOrder(reference);
  } catch (error) {
    if (!isExchangeError(error, 'NOT_FOUND')) throw error;
    await resolveAbsent(context, row, draft);
    return;
  }
  await bringToExchangeStatus(context, row, order, draft);
}

async function bringToExchangeStatus(
  context: OrdersInFlightContext,
  row: TradeRecord,
  order: ExchangeOrder,
  draft: ReportDraft,
): Promise<void> {
  let current = row;
  let refusal: string | undefined;
  for (const event of eventsToReach(order.status)) {
    if (current.status === order.status) break;
    const outcome = await applyOrderEvent(context.prisma, row.clientOrderId, event, { orderId: order.id });
    current = outcome.row;
    if (!outcome.applied) {
      refusal = outcome.reason;
      break;
    }
  }
  await markReconciled(context, row, order.id);
  if (refusal !== undefined) {
    draft.ordersUnresolved.push(unresolved(current, `exchange says ${order.status}; ${refusal}`));
  } else if (current.status !== row.status) {
    draft.ordersResolved.push({
      clientOrderId: row.clientOrderId,
      orderId: order.id,
      symbol: row.symbol,
      from: row.status,
      to: current.status,
      reason: `exchange status ${order.status}`,
    });
  }
}

async function resolveAbsent(
  context: OrdersInFlightContext,
  row: TradeRecord,
  draft: ReportDraft,
): Promise<void> {
  const reason = await whyNotRejectable(context, row);
  if (reason !== undefined) {
    draft.ordersUnresolved.push(unresolved(row, `NOT_FOUND at the exchange, kept: ${reason}`));
    return;
  }
  const ageMinutes = Math.floor((context.clock.nowMs() - row.orderTime.getTime()) / 60_000);
  const statusReason = `NOT_FOUND: the reconciler's lookup by client order id found no order ${ageMinutes} min after the intent`;
  const outcome = await applyOrderEvent(context.prisma, row.clientOrderId, 'REJECT', { statusReason });
  await markReconciled(context, row, undefined);
  if (!outcome.applied) {
    draft.ordersUnresolved.push(unresolved(outcome.row, outcome.reason));
    return;
  }
  draft.ordersResolved.push({
    clientOrderId: row.clientOrderId,
    orderId: null,
    symbol: row.symbol,
    from: row.status,
    to: outcome.row.status,
    reason: statusReason,
  });
}

// Absence proves a rejection only for an order the exchange never acknowledged, that no fill names,
// once the executor's retries (same client order id) are surely over.
async function whyNotRejectable(
  context: OrdersInFlightContext,
  row: TradeRecord,
): Promise<string | undefined> {
  if (row.orderId !== null) return `the exchange acknowledged it earlier as ${row.orderId}`;
  const age = context.clock.nowMs() - row.orderTime.getTime();
  if (age < context.notFoundGraceMs)
    return `the intent is younger than the ${context.notFoundGraceMs} ms grace period`;
  const fills = await context.prisma.fill.count({
    where: { OR: [{ tradeRecordId: row.id }, { clientOrderId: row.clientOrderId }] },
  });
  if (fills > 0) return `${fills} fill(s) name it`;
  return undefined;
}

async function markReconciled(context: OrdersInFlightContext, row: TradeRecord, orderId: string | undefined) {
  await context.prisma.tradeRecord.update({
    where: { id: row.id },
    data: {
      lastReconciledAt: context.clock.now(),
      ...(orderId !== undefined && row.orderId === null ? { orderId } : {}),
    },
  });
}

function unresolved(row: TradeRecord, reason: string) {
  return { clientOrderId: row.clientOrderId, symbol: row.symbol, status: row.status, reason };
}
