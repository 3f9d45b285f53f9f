import { dec } from '@hookline/core';
import type { Market, Ticker } from '../port/market.js';
import { CoinbaseVenueError, parseEnvelope } from './user-channel-messages.js';

/** What one market-data message meant: the tickers in it and any channels confirmed. */
export interface TickerChannelOutput {
  readonly tickers: Ticker[];
  readonly subscriptions: readonly string[] | undefined;
  readonly error: string | undefined;
}

/**
 * Reads the `ticker` channel (and `ticker_batch`, whose entries lack best bid/ask and may be empty,
 * `product_id: ""`: those are skipped, docs/exchange-notes.md, Coinbase 7). The ticker's exchange time is the
 * envelope's timestamp; products we do not know are skipped.
 */
export function parseTickerMessage(
  text: string,
  resolveProduct: (productId: string) => Market | undefined,
  receivedAt: Date,
): TickerChannelOutput {
  let envelope: ReturnType<typeof parseEnvelope>;
  try {
    envelope = parseEnvelope(JSON.parse(text));
  } catch (error) {
    // A lost ticker is replaced by the next one: only venue errors matter here.
    const venueError = error instanceof CoinbaseVenueError ? error.message : undefined;
    return { tickers: [], subscriptions: undefined, error: venueError };
  }
  if (envelope.channel === 'subscriptions') {
    const subscriptions = envelope.events[0]?.subscriptions;
    const channels =
      typeof subscriptions === 'object' && subscriptions !== null ? Object.keys(subscriptions) : [];
    return { tickers: [], subscriptions: channels, error: undefined };
  }
  if (envelope.channel !== 'ticker' && envelope.channel !== 'ticker_batch') {
    return { tickers: [], subscriptions: undefined, error: undefined };
  }
  const tickers: Ticker[] = [];
  for (const event of envelope.events) {
    for (const raw of Array.isArray(event.tickers) ? event.tickers : []) {
      const ticker = tickerOf(raw, resolveProduct, envelope.timestamp, receivedAt);
      if (ticker !== undefined) tickers.push(ticker);
    }
  }
  return { tickers, subscriptions: undefined, error: undefined };
}

function tickerOf(
  raw: unknown,
  resolveProduct: (productId: string) => Market | undefined,
  exchangeTime: Date,
  receivedAt: Date,
): Ticker | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const entry = raw as Record<string, unknown>;
  const productId = entry.product_id;
  const values = [entry.best_bid, entry.best_ask, entry.best_bid_quantity, entry.best_ask_quantity];
  if (typeof productId !== 'string' || productId === '') return undefined;
  if (!values.every((value) => typeof value === 'string' && value !== '')) return undefined;
  const market = resolveProduct(productId);
  if (market === undefined) return undefined;
  const [bid, ask, bidSize, askSize] = values.map((value) => dec(String(value)));
  if (bid === undefined || ask === undefined || bidSize === undefined || askSize === undefined)
    return undefined;
  // The 24 h change in percent; a missing or unreadable one is not known (the ticker still counts).
  const change = entry.price_percent_chg_24_h;
  const change24hPct =
    typeof change === 'string' && change !== '' && Number.isFinite(Number(change)) ? dec(change) : undefined;
  return { symbol: market.symbol, bid, ask, bidSize, askSize, exchangeTime, receivedAt, change24hPct };
}
