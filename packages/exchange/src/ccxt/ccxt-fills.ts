import type { Trade as CcxtTrade, Exchange } from 'ccxt';
import { infoOf } from './ccxt-values.js';
import type { VenueProfile } from './venue-profile.js';

const pageSize = 250;
const maxPages = 40;

/** The time fills are ordered and resumed by: Coinbase's `sequence_timestamp` when present, else the trade time. */
export function sequenceTimeOf(trade: CcxtTrade): number {
  const sequence = infoOf(trade).sequence_timestamp;
  const parsed = typeof sequence === 'string' ? Date.parse(sequence) : Number.NaN;
  return Number.isNaN(parsed) ? (trade.timestamp ?? 0) : parsed;
}

/**
 * Every fill from `afterMs` on (inclusive). On Coinbase the time goes in `start_sequence_timestamp`
 * (ccxt's `since` would also filter the parsed trades by trade time, dropping fills sequenced after
 * the cursor but traded before it) and pages follow Coinbase's cursor; elsewhere ccxt's `since`.
 */
export async function tradesSince(
  client: Exchange,
  profile: VenueProfile,
  afterMs: number,
  ccxtSymbol: string | undefined,
): Promise<CcxtTrade[]> {
  if (profile.fillHistory === 'ccxt-since') return client.fetchMyTrades(ccxtSymbol, afterMs);
  return coinbasePages(client, ccxtSymbol, { start_sequence_timestamp: new Date(afterMs).toISOString() });
}

/** Every fill of one order, oldest first (Coinbase `order_ids`, elsewhere fetchOrderTrades). */
export async function tradesOfOrder(
  client: Exchange,
  profile: VenueProfile,
  orderId: string,
  ccxtSymbol: string | undefined,
): Promise<CcxtTrade[]> {
  const trades =
    profile.fillHistory === 'coinbase-cursor'
      ? await coinbasePages(client, ccxtSymbol, { order_ids: [orderId] })
      : await client.fetchOrderTrades(orderId, ccxtSymbol);
  return trades.sort(
    (left, right) =>
      sequenceTimeOf(left) - sequenceTimeOf(right) || String(left.id).localeCompare(String(right.id)),
  );
}

async function coinbasePages(
  client: Exchange,
  ccxtSymbol: string | undefined,
  filter: Readonly<Record<string, unknown>>,
): Promise<CcxtTrade[]> {
  const trades: CcxtTrade[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const batch = await client.fetchMyTrades(ccxtSymbol, undefined, pageSize, {
      ...filter,
      ...(cursor === undefined ? {} : { cursor }),
    });
    trades.push(...batch);
    const next = pageCursor(batch);
    if (typeof next !== 'string' || next === '' || batch.length < pageSize) break;
    cursor = next;
  }
  return trades;
}

/** The venue's next-page cursor, which ccxt leaves on the info of the first raw item (of a list it then sorts). */
export function pageCursor(items: readonly { readonly info?: unknown }[]): string | undefined {
  for (const item of items) {
    const cursor = infoOf(item).cursor;
    if (typeof cursor === 'string' && cursor !== '') return cursor;
  }
  return undefined;
}
