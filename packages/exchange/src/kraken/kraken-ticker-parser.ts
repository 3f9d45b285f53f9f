import { dec } from '@hookline/core';
import type { Market, Ticker } from '../port/market.js';

/** What one Kraken v2 message meant: its tickers, a confirmed ticker subscription, or a venue error. */
export interface KrakenTickerOutput {
  readonly tickers: Ticker[];
  readonly subscribed: boolean;
  readonly error: string | undefined;
}

const nothing: KrakenTickerOutput = { tickers: [], subscribed: false, error: undefined };

/**
 * Reads Kraken's public WebSocket v2 (`wss://ws.kraken.com/v2`): the `ticker` channel's snapshot and
 * update messages (`data[]` of `{symbol, bid, bid_qty, ask, ask_qty, …}`, prices as JSON numbers),
 * the subscribe acknowledgement (`method: subscribe`, `success`), and its errors. The exchange time is
 * the entry's `timestamp` when Kraken sends one, else our receive time. Heartbeats, status messages and
 * symbols we do not know carry nothing. JSON numbers reach Decimal through their shortest decimal
 * spelling, which is the venue's own for prices of up to 15 significant digits.
 */
export function parseKrakenTickerMessage(
  text: string,
  resolveSymbol: (symbol: string) => Market | undefined,
  receivedAt: Date,
): KrakenTickerOutput {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return nothing;
  }
  if (typeof message !== 'object' || message === null) return nothing;
  const envelope = message as Record<string, unknown>;
  if (envelope.method === 'subscribe') {
    if (envelope.success === true) {
      const result = envelope.result as Record<string, unknown> | undefined;
      return { ...nothing, subscribed: result?.channel === 'ticker' };
    }
    return { ...nothing, error: `Kraken refused the ticker subscription: ${String(envelope.error)}` };
  }
  if (envelope.channel !== 'ticker' || !Array.isArray(envelope.data)) return nothing;
  const tickers: Ticker[] = [];
  for (const entry of envelope.data) {
    const ticker = tickerOf(entry, resolveSymbol, receivedAt);
    if (ticker !== undefined) tickers.push(ticker);
  }
  return { ...nothing, tickers };
}

function tickerOf(
  raw: unknown,
  resolveSymbol: (symbol: string) => Market | undefined,
  receivedAt: Date,
): Ticker | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const entry = raw as Record<string, unknown>;
  if (typeof entry.symbol !== 'string') return undefined;
  const values = [entry.bid, entry.ask, entry.bid_qty, entry.ask_qty];
  if (!values.every((value) => typeof value === 'number' && Number.isFinite(value))) return undefined;
  const market = resolveSymbol(entry.symbol);
  if (market === undefined) return undefined;
  const [bid, ask, bidSize, askSize] = values.map((value) => dec(String(value)));
  if (bid === undefined || ask === undefined || bidSize === undefined || askSize === undefined) {
    return undefined;
  }
  const stamped = typeof entry.timestamp === 'string' ? Date.parse(entry.timestamp) : Number.NaN;
  const exchangeTime = Number.isFinite(stamped) ? new Date(stamped) : receivedAt;
  return { symbol: market.symbol, bid, ask, bidSize, askSize, exchangeTime, receivedAt };
}
