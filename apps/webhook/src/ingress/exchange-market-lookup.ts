// The ingress's view of the exchange's market list, so an alert for a market the exchange does not
// list is refused at the door (422 INVALID_SYMBOL) instead of being accepted and then decided
// MARKET_UNAVAILABLE. The list is loaded from the exchange port (paper or live) and reloaded in the
// background when it is older than its refresh interval; a lookup never waits for the exchange.
import type { Clock } from '@hookline/core';
import { type ExchangePort, SymbolResolver } from '@hookline/exchange';
import type { Logger } from 'pino';
import type { MarketLookupPort } from './ingress-options.js';

/** How often the list is reloaded (new listings, delistings); a failed load is retried after a minute. */
export const MARKET_LIST_REFRESH_MS = 60 * 60_000;
const RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * The exchange's markets behind the shared SymbolResolver. While no list has ever loaded (the exchange
 * was unreachable at start), every market is presumed listed and the alert goes on as written: the
 * alert processor blocks it (MARKET_UNAVAILABLE once a list says the market is not listed,
 * PRICE_UNAVAILABLE while neither a list nor a quote can be read), and the door never depends on the exchange.
 */
export class ExchangeMarketLookup implements MarketLookupPort {
  readonly #exchange: Pick<ExchangePort, 'fetchMarkets'>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #resolver: SymbolResolver | undefined;
  #nextLoadMs = 0;
  #loading: Promise<void> | undefined;

  constructor(exchange: Pick<ExchangePort, 'fetchMarkets'>, clock: Clock, logger: Logger) {
    this.#exchange = exchange;
    this.#clock = clock;
    this.#logger = logger;
  }

  /** Loads the list now (at start, so the first alert is checked); a failure is logged, not thrown. */
  async load(): Promise<void> {
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    await this.#loading;
  }

  /** True once a market list has loaded. */
  get known(): boolean {
    return this.#resolver !== undefined;
  }

  find(symbol: string): { readonly symbol: string } | undefined {
    if (this.#clock.nowMs() >= this.#nextLoadMs) void this.load();
    if (this.#resolver === undefined) return { symbol };
    return this.#resolver.find(symbol);
  }

  async #load(): Promise<void> {
    try {
      const markets = await this.#exchange.fetchMarkets();
      this.#resolver = new SymbolResolver(markets);
      this.#nextLoadMs = this.#clock.nowMs() + MARKET_LIST_REFRESH_MS;
    } catch (error) {
      this.#nextLoadMs = this.#clock.nowMs() + RETRY_AFTER_FAILURE_MS;
      this.#logger.warn(
        { err: error, known: this.known },
        'could not load the market list for the alert intake; unknown tickers are checked later',
      );
    }
  }
}
