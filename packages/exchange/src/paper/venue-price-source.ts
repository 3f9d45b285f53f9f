import { type Clock, HooklineError, ZERO } from '@hookline/core';
import type { CachedQuote, QuoteSource } from '../port/quote-source.js';
import type { JsonValue, MarketQuote, PriceSource } from './price-source.js';

/** What a VenuePriceSource follows. */
export interface VenuePriceSourceOptions {
  /** The venue's quote cache (MarketQuotes over its public ticker stream, REST as the fallback). */
  readonly quotes: QuoteSource;
  /** The paper markets to follow, canonical (`BTC/USD`). */
  readonly symbols: readonly string[];
  /** Stamps each quote with the time it was read (the paper exchange's clock). */
  readonly clock: Clock;
  /** The venue and where its data is read, for the reason of a missing price (`coinbase (wss://…)`). */
  readonly venue: string;
  /**
   * Longest wait for one read of the venue (real time, default 5 000 ms): a venue that does not
   * answer leaves the last prices (none at a first start) and a reason, never a waiting order.
   */
  readonly readTimeoutMs?: number;
}

/** Whether every followed market has a real price, and why not. */
export interface VenueFeedStatus {
  readonly ready: boolean;
  /** Markets without any price yet. */
  readonly missing: readonly string[];
  /** Set when not ready: the venue, the markets, and what each read answered. */
  readonly reason?: string;
}

/**
 * Paper prices that follow a real venue: each refresh reads the venue's top of book (best bid and
 * ask with their sizes) from the quote cache and queues it as a quote stamped with the read time, so
 * the paper book is the venue's book as of that moment. A quote equal to the last one (same prices
 * and sizes) is not queued again: liquidity our paper orders took stays taken until the market
 * moves. It never makes a price up: a market the venue has not quoted has no book, and an order on
 * it is refused as TEMPORARY.
 */
export class VenuePriceSource implements PriceSource {
  readonly #options: VenuePriceSourceOptions;
  #pending: MarketQuote[] = [];
  readonly #last = new Map<string, CachedQuote>();
  readonly #problems = new Map<string, string>();

  constructor(options: VenuePriceSourceOptions) {
    if (options.symbols.length === 0) {
      throw new HooklineError('INVALID_ARGUMENT', 'a venue price source needs at least one market to follow');
    }
    this.#options = options;
  }

  async refresh(): Promise<void> {
    const answers = await this.#readWithin(this.#options.readTimeoutMs ?? 5_000);
    if (answers === undefined) {
      for (const symbol of this.#options.symbols) {
        this.#problems.set(symbol, 'the venue did not answer in time');
      }
      return;
    }
    const timeMs = this.#options.clock.nowMs();
    for (const symbol of this.#options.symbols) {
      const answer = answers.get(symbol) ?? `no answer for ${symbol}`;
      if (typeof answer === 'string') {
        this.#problems.set(symbol, answer);
        continue;
      }
      this.#problems.delete(symbol);
      const last = this.#last.get(symbol);
      if (last !== undefined && sameBook(last, answer)) continue;
      this.#last.set(symbol, answer);
      this.#pending.push({
        symbol,
        timeMs,
        bid: answer.bid,
        ask: answer.ask,
        bidSize: answer.bidSize,
        askSize: answer.askSize,
        volume: ZERO,
        change24hPct: answer.change24hPct,
      });
    }
  }

  // The quotes, or undefined when the venue has not answered within the limit (the read goes on
  // in the background and fills the quote cache for the next refresh).
  async #readWithin(timeoutMs: number): Promise<ReadonlyMap<string, CachedQuote | string> | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const reading = this.#options.quotes
      .readQuotes(this.#options.symbols)
      .catch((error: unknown) => new Map(this.#options.symbols.map((symbol) => [symbol, String(error)])));
    try {
      return await Promise.race([reading, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  advance(untilMs: number): MarketQuote[] {
    const due = this.#pending.filter((quote) => quote.timeMs <= untilMs);
    this.#pending = this.#pending.filter((quote) => quote.timeMs > untilMs);
    return due;
  }

  /** Ready once every followed market has had a real quote; otherwise the reason, per market. */
  status(): VenueFeedStatus {
    const missing = this.#options.symbols.filter((symbol) => !this.#last.has(symbol));
    if (missing.length === 0) return { ready: true, missing };
    const answers = missing.map((symbol) => `${symbol}: ${this.#problems.get(symbol) ?? 'not read yet'}`);
    return {
      ready: false,
      missing,
      reason: `no price from ${this.#options.venue} yet (${answers.join('; ')})`,
    };
  }

  /** A live market is not replayable: nothing to save but what it is. */
  saveState(): JsonValue {
    return { kind: 'venue' };
  }

  /** Any earlier state (of this or another source) is ignored: prices come from the venue now. */
  restoreState(_state: JsonValue): void {}
}

function sameBook(a: CachedQuote, b: CachedQuote): boolean {
  return (
    a.bid.equals(b.bid) && a.ask.equals(b.ask) && a.bidSize.equals(b.bidSize) && a.askSize.equals(b.askSize)
  );
}
