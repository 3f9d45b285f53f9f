import { type Order as CcxtOrder, type Exchange, OrderNotFound } from 'ccxt';
import { pageCursor } from './ccxt-fills.js';
import type { VenueProfile } from './venue-profile.js';

/** How far back and how deep a scan for a client order id goes. */
export interface LookupWindow {
  readonly sinceMs: number;
  readonly pageSize: number;
  readonly maxPages: number;
}

/**
 * The venue's order with our client order id, or undefined when the venue has none in the window.
 * Coinbase cannot fetch by client_order_id (only its deprecated query param, beside an order id),
 * so its recent orders are listed newest first, page by page (`cursor`), until the id shows up.
 */
export async function findByClientOrderId(
  client: Exchange,
  profile: VenueProfile,
  clientOrderId: string,
  ccxtSymbol: string | undefined,
  window: LookupWindow,
): Promise<CcxtOrder | undefined> {
  const lookup = profile.clientOrderLookup;
  if (lookup.kind === 'param') {
    try {
      return await client.fetchOrder('', ccxtSymbol, { [lookup.param]: clientOrderId });
    } catch (error) {
      if (error instanceof OrderNotFound) return undefined;
      throw error;
    }
  }
  for (const method of lookup.methods) {
    let cursor: string | undefined;
    for (let page = 0; page < window.maxPages; page += 1) {
      const params = cursor === undefined ? {} : { cursor };
      const orders = await client[method](ccxtSymbol, window.sinceMs, window.pageSize, params);
      const found = orders.find((order) => order.clientOrderId === clientOrderId);
      if (found !== undefined) return found;
      const next = pageCursor(orders);
      if (next === undefined || orders.length < window.pageSize) break;
      cursor = next;
    }
  }
  return undefined;
}
