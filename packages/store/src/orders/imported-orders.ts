// Orders working at the exchange that we have no row for (placed from the exchange's UI, by another
// tool, or by us before a lost database write) are imported by the reconciler as trade_records rows
// with trigger and source RECONCILED, in the exchange's current status. Inserting a row in that status
// is not a status change: later changes go through transition() like any other order's.
import { toPlainString } from '@hookline/core';
import type { ExchangeOrder } from '@hookline/exchange';
import { toDbSide } from '../side.js';
import { clientOf, type Store } from '../store.js';

/** Where an exchange order belongs: our account on that exchange. */
export interface ImportScope {
  readonly account: string;
  readonly exchange: string;
}

/** True when a row holds the order: by its client order id, or by (account, exchange, order id). */
export async function isOrderKnown(store: Store, scope: ImportScope, order: ExchangeOrder): Promise<boolean> {
  const row = await clientOf(store).tradeRecord.findFirst({
    where: {
      OR: [
        { clientOrderId: order.clientOrderId },
        { account: scope.account, exchange: scope.exchange, orderId: order.id },
      ],
    },
    select: { id: true },
  });
  return row !== null;
}

/**
 * Inserts the exchange order as a RECONCILED row under `clientOrderId`, reconciled at `now`; false
 * when a row with that client order id (or exchange order id) exists already.
 */
export async function importExchangeOrder(
  store: Store,
  scope: ImportScope,
  order: ExchangeOrder,
  clientOrderId: string,
  now: Date,
): Promise<boolean> {
  const created = await clientOf(store).tradeRecord.createMany({
    data: [
      {
        account: scope.account,
        exchange: scope.exchange,
        orderId: order.id,
        clientOrderId,
        symbol: order.symbol,
        side: toDbSide(order.side),
        orderType: order.type,
        timeInForce: order.timeInForce,
        postOnly: order.postOnly,
        status: order.status,
        price: order.price === undefined ? null : toPlainString(order.price),
        stopPrice: order.stopPrice === undefined ? null : toPlainString(order.stopPrice),
        size: toPlainString(order.amount),
        trigger: 'RECONCILED',
        source: 'RECONCILED',
        orderTime: order.createdAt,
        ingestVia: 'REST',
        lastReconciledAt: now,
      },
    ],
    skipDuplicates: true,
  });
  return created.count === 1;
}
