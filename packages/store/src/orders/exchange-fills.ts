// Exchange fills of one (account, exchange) into the ledger, through its one write path
// (ledger-store's recordFills). A fill of our order is linked to our intent row first: the row gets
// the exchange order id if the ack never reached us (unknown outcome), so recordFills finds that row
// instead of creating a RECONCILED one.
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
