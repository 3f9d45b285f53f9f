import { dec, HooklineError, toPlainString } from '@hookline/core';
import type { JsonValue, MarketQuote } from './price-source.js';

/** A quote as JSON, Decimals as strings. */
export function quoteToJson(quote: MarketQuote): JsonValue {
  return {
    symbol: quote.symbol,
    timeMs: quote.timeMs,
    bid: toPlainString(quote.bid),
    ask: toPlainString(quote.ask),
    bidSize: toPlainString(quote.bidSize),
    askSize: toPlainString(quote.askSize),
    volume: toPlainString(quote.volume),
    ...(quote.change24hPct === undefined ? {} : { change24hPct: toPlainString(quote.change24hPct) }),
  };
}

/** A quote read back from quoteToJson's output. */
export function quoteFromJson(value: unknown): MarketQuote {
  const record = value as Record<string, unknown>;
  if (typeof record.symbol !== 'string' || typeof record.timeMs !== 'number') {
    throw new HooklineError('INVALID_ARGUMENT', 'a saved quote needs a symbol and a timeMs');
  }
  const decimal = (key: string) => dec(String(record[key]));
  return {
    symbol: record.symbol,
    timeMs: record.timeMs,
    bid: decimal('bid'),
    ask: decimal('ask'),
    bidSize: decimal('bidSize'),
    askSize: decimal('askSize'),
    volume: decimal('volume'),
    ...(typeof record.change24hPct === 'string' ? { change24hPct: dec(record.change24hPct) } : {}),
  };
}
