// Step 2: orders working at the exchange that we have no row for (placed from the exchange's UI, by
// another tool, or by us before a lost database write) are imported as trade_records rows with
// trigger and source RECONCILED. Their client order id is synthesized exactly as the ledger store
// does for fills of unknown orders (`reconciled:<account>:<exchange>:<order id>`), and the row is
// keyed by (account, exchange, order_id), so their later fills attach to this row instead of a new one.
// Inserting a row in the exchange's current status is not a status change: later changes go through
// transition() like any other order's.
import type { Clock } from '@hookline/core';
import type { ExchangeOrder, ExchangePort } from '@hookline/exchange';
import { importExchangeOrder, isOrderKnown, type Store } from '@hookline/store';
import type { ReportDraft } from './reconcile-report.js';

/** What the import step needs. */
export interface UnknownOrdersContext {
  readonly store: Store;
  readonly exchange: ExchangePort;
  readonly clock: Clock;
  readonly account: string;
  readonly exchangeName: string;
}

/** The client order id an imported order's row gets (the ledger store's convention). */
export function reconciledClientOrderId(account: string, exchangeName: string, orderId: string): string {
  return `reconciled:${account}:${exchangeName}:${orderId}`;
}

/** Imports every open exchange order without a row; idempotent (a second run finds the row). */
export async function importUnknownOrders(context: UnknownOrdersContext, draft: ReportDraft): Promise<void> {
  const open = await context.exchange.fetchOpenOrders();
  for (const order of open) {
    if (await isKnown(context, order)) continue;
    if (await insertImported(context, order)) {
      draft.ordersImported.push({
        orderId: order.id,
        exchangeClientOrderId: order.clientOrderId,
        symbol: order.symbol,
        side: order.side,
        status: order.status,
      });
    }
  }
}

async function isKnown(context: UnknownOrdersContext, order: ExchangeOrder): Promise<boolean> {
  const { store, account, exchangeName } = context;
  return await isOrderKnown(store, { account, exchange: exchangeName }, order);
}

async function insertImported(context: UnknownOrdersContext, order: ExchangeOrder): Promise<boolean> {
  const { store, account, exchangeName, clock } = context;
  const clientOrderId = reconciledClientOrderId(account, exchangeName, order.id);
  return await importExchangeOrder(
    store,
    { account, exchange: exchangeName },
    order,
    clientOrderId,
    clock.now(),
  );
}
