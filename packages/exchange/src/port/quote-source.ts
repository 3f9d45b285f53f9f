import type { Market, Ticker } from './market.js';

/** A quote as the quote cache serves it: the ticker, where it came from, and whether its feed is frozen. */
export interface CachedQuote extends Ticker {
  /** `stream`: the venue's public WebSocket ticker; `rest`: a fallback fetchTicker. */
  readonly source: 'stream' | 'rest';
  /**
   * The price has not changed and the stream has said nothing about the symbol beyond the frozen
   * limit: the quote is stale whatever its timestamps say (a venue whose book stopped moving, a
   * REST answer restamped on every read).
   */
  readonly frozen: boolean;
}

/**
 * Where the sentinel, the exit executor and the entry path read quotes: a cache fed by the venue's
 * ticker stream, with REST as a bounded fallback. Never throws for one symbol: a symbol without a
 * quote maps to the reason why.
 */
export interface QuoteSource {
  /** The latest quote of every symbol, in one call (subscribing to symbols not yet watched). */
  readQuotes(symbols: readonly string[]): Promise<ReadonlyMap<string, CachedQuote | string>>;
  /**
   * The venue's markets, read at most every 5 minutes; when a refresh fails (the market data breaker
   * is open) the last list is served, so an exit never waits for a listing it already has.
   */
  readMarkets(): Promise<readonly Market[]>;
  /** Symbols whose feed is frozen now (for the operator alert metric). */
  frozenSymbols(): readonly string[];
  /** Stops watching every symbol. */
  close(): void;
}
