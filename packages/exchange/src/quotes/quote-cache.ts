import type { Ticker } from '../port/market.js';
import type { CachedQuote } from '../port/quote-source.js';
import { type FeedActivity, isFeedFrozen } from './frozen-feed.js';

interface Entry extends FeedActivity {
  readonly ticker: Ticker;
  readonly source: CachedQuote['source'];
  /** The last read of this entry: handed out again while its frozen flag is the same. */
  view?: CachedQuote;
}

/**
 * The latest quote per symbol and how alive its feed is: when its price last changed and when the
 * stream last spoke of it. Pure state; times are passed in.
 */
export class QuoteCache {
  readonly #entries = new Map<string, Entry>();
  readonly #frozenAfterMs: number;

  constructor(frozenAfterMs: number) {
    this.#frozenAfterMs = frozenAfterMs;
  }

  /** Records a quote from the stream or a REST read, received at `nowMs`. */
  record(ticker: Ticker, source: CachedQuote['source'], nowMs: number): void {
    const previous = this.#entries.get(ticker.symbol);
    const changed =
      previous === undefined ||
      !previous.ticker.bid.equals(ticker.bid) ||
      !previous.ticker.ask.equals(ticker.ask);
    this.#entries.set(ticker.symbol, {
      ticker,
      source,
      lastChangeMs: changed ? nowMs : previous.lastChangeMs,
      lastStreamMs: source === 'stream' ? nowMs : previous?.lastStreamMs,
    });
  }

  /** The symbol's quote as of `nowMs`, with its frozen flag; undefined when none was ever seen. */
  read(symbol: string, nowMs: number): CachedQuote | undefined {
    const entry = this.#entries.get(symbol);
    if (entry === undefined) return undefined;
    const frozen = isFeedFrozen(entry, nowMs, this.#frozenAfterMs);
    // A sweep reads every held symbol: the same quote is one object until it changes or (un)freezes.
    if (entry.view?.frozen !== frozen) entry.view = { ...entry.ticker, source: entry.source, frozen };
    return entry.view;
  }
}
