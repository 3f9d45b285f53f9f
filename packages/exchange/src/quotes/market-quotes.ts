import { type Clock, HooklineError } from '@hookline/core';
import { isExchangeError } from '../port/exchange-error.js';
import type { ExchangePort } from '../port/exchange-port.js';
import type { Market } from '../port/market.js';
import type { CachedQuote, QuoteSource } from '../port/quote-source.js';
import type { Unsubscribe } from '../port/stream-events.js';
import { RequestBudget } from '../resilience/request-budget.js';
import { QuoteCache } from './quote-cache.js';

/** How the quote cache reads (HOOKLINE_QUOTE_* keys). */
export interface MarketQuotesSettings {
  /** REST fallback reads per second, sustained, across all symbols (HOOKLINE_QUOTE_FALLBACK_RPS). */
  readonly fallbackRequestsPerSecond: number;
  /** A stream quote older than this is replaced by a REST read (HOOKLINE_QUOTE_STREAM_MAX_AGE_MS). */
  readonly streamMaxAgeMs: number;
  /** Unchanged price and silent stream beyond this: frozen (HOOKLINE_QUOTE_FROZEN_AFTER_MS). */
  readonly frozenAfterMs: number;
}

/** Markets change rarely (listings, precision): read them once per this long. */
const MARKETS_TTL_MS = 5 * 60_000;

/** The defaults of the HOOKLINE_QUOTE_* keys. */
export const defaultMarketQuotesSettings: MarketQuotesSettings = {
  fallbackRequestsPerSecond: 1,
  streamMaxAgeMs: 5_000,
  frozenAfterMs: 60_000,
};

/** What a MarketQuotes is built from. */
export interface MarketQuotesOptions {
  /** The venue: its ticker stream (subscribeTickers) and REST fetchTicker. */
  readonly exchange: Pick<ExchangePort, 'name' | 'subscribeTickers' | 'fetchTicker' | 'fetchMarkets'>;
  readonly clock: Clock;
  readonly settings?: Partial<MarketQuotesSettings>;
  /** Told once when a symbol's feed becomes frozen (the operator alert), and when it moves again. */
  readonly onFrozen?: (symbol: string, quote: CachedQuote) => void;
  readonly onThawed?: (symbol: string) => void;
  /** Told when the ticker stream cannot be opened (the cache then reads over REST only). */
  readonly onStreamError?: (error: unknown) => void;
}

/**
 * The quote cache: one home for the quotes the sentinel, the exit executor and entries read. Fed by
 * the venue's public ticker stream (Coinbase `ticker`, Kraken v2 `ticker`, the paper exchange's own
 * stream); a symbol whose stream quote is missing or older than streamMaxAgeMs is read over REST, at
 * most fallbackRequestsPerSecond (bursts of up to 5 s worth), so a silent stream never turns into a
 * REST storm that trips the market data breaker. When the budget is spent the cached quote is served
 * as it is (its age then speaks for itself). A symbol whose price has not changed while its stream
 * was silent beyond frozenAfterMs is marked frozen.
 */
export class MarketQuotes implements QuoteSource {
  readonly #options: MarketQuotesOptions;
  readonly #settings: MarketQuotesSettings;
  readonly #cache: QuoteCache;
  readonly #fallback: RequestBudget;
  readonly #watched = new Set<string>();
  readonly #unsubscribes: Unsubscribe[] = [];
  readonly #frozen = new Set<string>();
  /** Set when the venue has no ticker stream in this adapter: REST only from then on. */
  #streamUnavailable: string | undefined;
  #closed = false;
  #markets: { readonly atMs: number; readonly list: readonly Market[] } | undefined;

  constructor(options: MarketQuotesOptions) {
    this.#options = options;
    this.#settings = { ...defaultMarketQuotesSettings, ...options.settings };
    const { fallbackRequestsPerSecond, streamMaxAgeMs, frozenAfterMs } = this.#settings;
    for (const [key, value] of Object.entries({ streamMaxAgeMs, frozenAfterMs })) {
      if (!(Number.isSafeInteger(value) && value > 0)) {
        throw new HooklineError('INVALID_ARGUMENT', `the quote cache needs ${key} above 0 ms, got ${value}`, {
          context: { [key]: value },
        });
      }
    }
    this.#cache = new QuoteCache(frozenAfterMs);
    this.#fallback = new RequestBudget({
      name: `${options.exchange.name} quote fallback`,
      clock: options.clock,
      requestsPerSecond: fallbackRequestsPerSecond,
      burst: Math.max(1, Math.ceil(fallbackRequestsPerSecond * 5)),
    });
  }

  async readQuotes(symbols: readonly string[]): Promise<ReadonlyMap<string, CachedQuote | string>> {
    const wanted = [...new Set(symbols)];
    // The market list (every 5 min) first: the stream resolves symbols by it, and exits read it.
    await this.readMarkets().catch(() => undefined);
    await this.#watch(wanted);
    // The stream keeps most quotes fresh: those are answered at once, only the others wait for REST.
    const nowMs = this.#options.clock.nowMs();
    const fresh = wanted.map((symbol) => this.#streamFresh(symbol, nowMs));
    const others = wanted.filter((_symbol, index) => fresh[index] === undefined);
    const read = new Map(
      (await Promise.all(others.map((symbol) => this.#read(symbol)))).map((answer, index) => [
        others[index] as string,
        answer,
      ]),
    );
    const quotes = new Map(
      wanted.map((symbol, index) => [symbol, fresh[index] ?? (read.get(symbol) as CachedQuote | string)]),
    );
    this.#noteFrozen(quotes);
    return quotes;
  }

  async readMarkets(): Promise<readonly Market[]> {
    const nowMs = this.#options.clock.nowMs();
    if (this.#markets !== undefined && nowMs - this.#markets.atMs < MARKETS_TTL_MS) return this.#markets.list;
    try {
      const list = await this.#options.exchange.fetchMarkets();
      this.#markets = { atMs: nowMs, list };
      return list;
    } catch (error) {
      if (this.#markets === undefined) throw error;
      return this.#markets.list;
    }
  }

  frozenSymbols(): readonly string[] {
    return [...this.#frozen].sort();
  }

  close(): void {
    this.#closed = true;
    for (const unsubscribe of this.#unsubscribes.splice(0)) unsubscribe();
    this.#watched.clear();
  }

  /** The cached quote when the stream delivered it recently enough, else undefined. */
  #streamFresh(symbol: string, nowMs: number): CachedQuote | undefined {
    const cached = this.#cache.read(symbol, nowMs);
    return cached !== undefined &&
      cached.source === 'stream' &&
      nowMs - cached.receivedAt.getTime() <= this.#settings.streamMaxAgeMs
      ? cached
      : undefined;
  }

  async #read(symbol: string): Promise<CachedQuote | string> {
    const nowMs = this.#options.clock.nowMs();
    const streamFresh = this.#streamFresh(symbol, nowMs);
    if (streamFresh !== undefined) return streamFresh;
    const cached = this.#cache.read(symbol, nowMs);
    if (!this.#fallback.tryTake()) {
      return (
        cached ??
        `no quote for ${symbol} yet: the stream has sent none and the REST fallback budget (${this.#settings.fallbackRequestsPerSecond}/s) is spent`
      );
    }
    try {
      const ticker = await this.#options.exchange.fetchTicker(symbol);
      this.#cache.record(ticker, 'rest', this.#options.clock.nowMs());
      return this.#cache.read(ticker.symbol, this.#options.clock.nowMs()) ?? `no quote for ${symbol}`;
    } catch (error) {
      return cached ?? (error instanceof Error ? error.message : String(error));
    }
  }

  // Subscribes to the symbols not yet watched, in one subscription. A venue without a ticker stream
  // in this adapter (FATAL) is read over REST from then on; a passing refusal (markets not loaded)
  // loads the markets and is tried again at the next read.
  async #watch(symbols: readonly string[]): Promise<void> {
    const fresh = symbols.filter((symbol) => !this.#watched.has(symbol));
    if (fresh.length === 0 || this.#streamUnavailable !== undefined || this.#closed) return;
    try {
      const unsubscribe = this.#options.exchange.subscribeTickers(fresh, (event) => {
        if (event.type === 'ticker') this.#cache.record(event.ticker, 'stream', this.#options.clock.nowMs());
      });
      this.#unsubscribes.push(unsubscribe);
      for (const symbol of fresh) this.#watched.add(symbol);
    } catch (error) {
      this.#options.onStreamError?.(error);
      if (isExchangeError(error, 'FATAL')) {
        this.#streamUnavailable = error.message;
        return;
      }
      await this.#options.exchange.fetchMarkets().catch(() => undefined);
    }
  }

  #noteFrozen(quotes: ReadonlyMap<string, CachedQuote | string>): void {
    for (const [symbol, quote] of quotes) {
      const frozen = typeof quote !== 'string' && quote.frozen;
      if (frozen && !this.#frozen.has(symbol)) {
        this.#frozen.add(symbol);
        this.#options.onFrozen?.(symbol, quote);
      } else if (!frozen && typeof quote !== 'string' && this.#frozen.delete(symbol)) {
        this.#options.onThawed?.(symbol);
      }
    }
  }
}
