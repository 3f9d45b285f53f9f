import type { Quote } from './risk-state.js';

/**
 * Milliseconds between the quote and now, from the older of its two times: a quote received just
 * now but stamped long ago by the exchange is old (a lagging feed), and so is one stamped just now
 * but received long ago (a stuck consumer). Negative when both times are after now (clock skew).
 */
export function quoteAgeMs(quote: Quote, now: Date): number {
  const oldest = Math.min(quote.exchangeTime.getTime(), quote.receivedAt.getTime());
  return now.getTime() - oldest;
}

/** True when the quote is at most maxAgeMs old (exactly maxAgeMs is still fresh). */
export function isFresh(quote: Quote, now: Date, maxAgeMs: number): boolean {
  return quoteAgeMs(quote, now) <= maxAgeMs;
}

/** True when both sides are positive finite prices (a zero or NaN bid is no price at all). */
export function hasValidPrices(quote: Quote): boolean {
  return quote.bid.isFinite() && quote.bid.greaterThan(0) && quote.ask.isFinite() && quote.ask.greaterThan(0);
}

/** True when the quote is usable to value a position: valid prices and fresh. */
export function isUsablePrice(quote: Quote | undefined, now: Date, maxAgeMs: number): quote is Quote {
  return quote !== undefined && hasValidPrices(quote) && isFresh(quote, now, maxAgeMs);
}
