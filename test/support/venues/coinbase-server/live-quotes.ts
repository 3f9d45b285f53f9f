// A live market on the local Coinbase: every book quoted at the wall time every `everyMs`, its bid
// moving by a cent each time, so processes that judge a quote's age by their own clock (the risk
// gate's freshness rule, the frozen-quote check) always see a fresh, moving quote.
import { dec } from '@hookline/core';
import type { PaperVenue } from './paper-venue.js';

/** One book: a canonical symbol and its top of book. */
export interface LiveBook {
  readonly symbol: string;
  readonly bid: string;
  readonly ask: string;
}

/** The books of the markets the tests' alerts name (BTC, ETH, SOL against USD). */
export const DEFAULT_LIVE_BOOKS: readonly LiveBook[] = [
  { symbol: 'BTC/USD', bid: '60000', ask: '60000.01' },
  { symbol: 'ETH/USD', bid: '3000', ask: '3000.01' },
  { symbol: 'SOL/USD', bid: '150', ask: '150.01' },
];

/** Starts quoting; the returned function stops it. */
export function quoteLive(
  venue: PaperVenue,
  books: readonly LiveBook[] = DEFAULT_LIVE_BOOKS,
  everyMs = 500,
): () => void {
  let tick = 0;
  const show = () => {
    tick += 1;
    for (const book of books) {
      venue.showQuoteNow(book.symbol, {
        bid: dec(book.bid).minus(dec(tick % 2 === 0 ? '0' : '0.01')),
        ask: dec(book.ask),
        bidSize: dec('100'),
        askSize: dec('100'),
      });
    }
  };
  show();
  const timer = setInterval(show, everyMs);
  return () => clearInterval(timer);
}
