// Step 1: our working orders (SUBMITTED, OPEN, PARTIALLY_FILLED, PENDING_CANCEL) are looked up at the
// exchange and brought to its status through core's transition() (applyOrderEvent). An unknown outcome
// is not a rejection: an order the exchange does not know is REJECTED only when the lookup proves it
// absent, the order was never acknowledged, no fill names it, and the intent is older than a grace
// period (the executor may still be retrying it with the same client order id).
import type { Clock } from '@hookline/core';
import { type ExchangeOrder, type ExchangePort, isExchangeError } from '@hookline/exchange';
import {
  applyOrderEvent,
  countFillsOfOrder,
  markOrderReconciled,
  type OrderRecord,
  readOrdersInFlight,
  type Store,
} from '@hookline/store';
import { eventsToReach } from '../execution/exchange-order.js';
import type { ReportDraft } from './reconcile-report.js';

/** What the in-flight step needs. */
export interface OrdersInFlightContext {
  readonly store: Store;
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
  const { store, account, exchangeName } = context;
  const rows = await readOrdersInFlight(store, { account, exchange: exchangeName });
  for (const row of rows) await resolveOne(context, row, draft);
}

async function resolveOne(
  context: OrdersInFlightContext,
  row: OrderRecord,
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
  row: OrderRecord,
  order: ExchangeOrder,
  draft: ReportDraft,
): Promise<void> {
  let current = row;
  let refusal: string | undefined;
  for (const event of eventsToReach(order.status)) {
    if (current.status === order.status) break;
    const outcome = await applyOrderEvent(context.store, row.clientOrderId, event, { orderId: order.id });
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
  row: OrderRecord,
  draft: ReportDraft,
): Promise<void> {
  const reason = await whyNotRejectable(context, row);
  if (reason !== undefined) {
    draft.ordersUnresolved.push(unresolved(row, `NOT_FOUND at the exchange, kept: ${reason}`));
    return;
  }
  const ageMinutes = Math.floor((context.clock.nowMs() - row.orderTime.getTime()) / 60_000);
  const statusReason = `NOT_FOUND: the reconciler's lookup by client order id found no order ${ageMinutes} min after the intent`;
  const outcome = await applyOrderEvent(context.store, row.clientOrderId, 'REJECT', { statusReason });
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
  row: OrderRecord,
): Promise<string | undefined> {
  if (row.orderId !== null) return `the exchange acknowledged it earlier as ${row.orderId}`;
  const age = context.clock.nowMs() - row.orderTime.getTime();
  if (age < context.notFoundGraceMs)
    return `the intent is younger than the ${context.notFoundGraceMs} ms grace period`;
  const fills = await countFillsOfOrder(context.store, row);
  if (fills > 0) return `${fills} fill(s) name it`;
  return undefined;
}

async function markReconciled(context: OrdersInFlightContext, row: OrderRecord, orderId: string | undefined) {
  await markOrderReconciled(context.store, row, context.clock.now(), orderId);
}

function unresolved(row: OrderRecord, reason: string) {
  return { clientOrderId: row.clientOrderId, symbol: row.symbol, status: row.status, reason };
}
