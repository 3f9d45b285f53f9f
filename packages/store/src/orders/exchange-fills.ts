// Exchange fills of one (account, exchange) into the ledger, through its one write path
// (ledger-store's recordFills). A fill of our order is linked to our intent row first: the row gets
// the exchange order id if the ack never reached us (unknown outcome), so recordFills finds that row
// instead of creating a RECONCILED one.
import type { Decimal } from '@hookline/core';
import type { Fill } from '@hookline/exchange';
import type { LedgerOptions } from '@hookline/ledger';
import {
  type NewFill,
  type RecordFillsOptions,
  type RecordFillsResult,
  recordFills,
} from '@hookline/ledger-store';
import { clientOf, type Store } from '../store.js';

/** Our account on one exchange. */
export interface FillScope {
  readonly account: string;
  readonly exchange: string;
}

/**
 * Gives each of our rows named by a fill's client order id the fill's exchange order id, unless the
 * row has one already. One statement per client order id (a page names few orders).
 */
export async function linkFillsToOrders(
  store: Store,
  scope: FillScope,
  fills: readonly { readonly clientOrderId?: string | undefined; readonly orderId: string }[],
): Promise<void> {
  const links = new Map<string, string>();
  for (const fill of fills) {
    if (fill.clientOrderId !== undefined) links.set(fill.clientOrderId, fill.orderId);
  }
  for (const [clientOrderId, orderId] of links) {
    await clientOf(store).tradeRecord.updateMany({
      where: { account: scope.account, exchange: scope.exchange, clientOrderId, orderId: null },
      data: { orderId },
    });
  }
}

/** Stores the fills, their allocations and their orders' aggregates in one transaction (recordFills). */
export async function recordExchangeFills(
  store: Store,
  fills: readonly NewFill[],
  options: RecordFillsOptions,
): Promise<RecordFillsResult> {
  return await recordFills(clientOf(store), fills, options);
}

/** How a page of exchange fills arrived and what an order we never placed is recorded as. */
export interface FillPageOptions {
  readonly receivedAt: Date;
  readonly via: 'WEBSOCKET' | 'REST';
  /** RECONCILED for the live stream and backfill, IMPORT for history a sync pulls in. */
  readonly unknownOrderOrigin: NonNullable<RecordFillsOptions['unknownOrderOrigin']>;
  readonly ledger: LedgerOptions;
  /** USD values of fees paid in a third asset, by trade id (a price the venue gave); others stay unvalued. */
  readonly feeUsd?: ReadonlyMap<string, Decimal>;
}

/** Links the fills to our orders, then records them (the one path from an exchange fill to the ledger). */
export async function recordExchangeFillPage(
  store: Store,
  scope: FillScope,
  fills: readonly Fill[],
  options: FillPageOptions,
): Promise<RecordFillsResult> {
  await linkFillsToOrders(store, scope, fills);
  const rows: NewFill[] = fills.map((fill) => ({
    account: scope.account,
    exchange: scope.exchange,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId ?? null,
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price,
    size: fill.amount,
    fee: fill.fee,
    feeCurrency: fill.feeCurrency,
    feeUsd: options.feeUsd?.get(fill.tradeId) ?? null,
    liquidity: fill.liquidity,
    executedAt: fill.executedAt,
    receivedAt: options.receivedAt,
    ingestVia: options.via,
  }));
  return await recordExchangeFills(store, rows, {
    unknownOrderOrigin: options.unknownOrderOrigin,
    ledger: options.ledger,
  });
}
