import { ZERO } from '@hookline/core';
import type { CoinbaseStreams } from '../coinbase/coinbase-streams.js';
import type { UserStreamCounters } from '../coinbase/coinbase-user-stream.js';
import { KrakenTickerStream, krakenWebSocketUrl } from '../kraken/kraken-ticker-stream.js';
import { ExchangeError } from '../port/exchange-error.js';
import type { ExchangePort } from '../port/exchange-port.js';
import type { Fill, FillCursor, FillPage, FillQuery } from '../port/fill.js';
import type { Balances, Candle, CandleQuery, CandleTimeframe, Market, Ticker } from '../port/market.js';
import type { CreateOrderRequest, ExchangeOrder, OrderReference } from '../port/order.js';
import type {
  StreamListener,
  TickerStreamEvent,
  Unsubscribe,
  UserStreamEvent,
} from '../port/stream-events.js';
import type { ExchangeCircuits } from '../resilience/circuit-status.js';
import type { CcxtExchangeOptions } from './ccxt-exchange-options.js';
import { CcxtFillHistory } from './ccxt-fill-history.js';
import { CcxtGateway } from './ccxt-gateway.js';
import { balancesFromCcxt, candlesFromCcxt, tickerFromCcxt } from './ccxt-market-mapping.js';
import { CcxtMarkets } from './ccxt-markets.js';
import { CcxtOrders } from './ccxt-orders.js';
import { restBaseOf } from './ccxt-rest-base.js';
import { coinbaseStreamsFor } from './ccxt-streams.js';
import { KrakenUserStreams } from './kraken-user-streams.js';
import { venueProfiles } from './venue-profile.js';

/**
 * Live trading through ccxt REST (Coinbase Advanced Trade first; Kraken and Binance through the
 * same code and a profile table), with the Coinbase private and ticker streams over `ws`. Reads
 * are retried, creates never (an unknown outcome throws UNKNOWN_OUTCOME: resolve it by
 * `fetchOrder({ clientOrderId })` or createOrderSafely); every call passes the breaker and budget of
 * its scope (market data or orders, resilience/exchange-lanes.ts).
 */
export class CcxtExchange implements ExchangePort {
  readonly name: string;
  /** As the venue profile declares (`stopLimitParam`). */
  readonly stopOrders: boolean;
  readonly #options: CcxtExchangeOptions;
  readonly #gateway: CcxtGateway;
  readonly #markets: CcxtMarkets;
  readonly #orders: CcxtOrders;
  readonly #fills: CcxtFillHistory;
  readonly #streams: CoinbaseStreams | undefined;
  readonly #krakenStreams = new Set<KrakenTickerStream>();
  readonly #krakenUser: KrakenUserStreams | undefined;

  constructor(options: CcxtExchangeOptions) {
    this.#options = options;
    this.name = options.name ?? options.venue;
    const profile = venueProfiles[options.venue];
    this.stopOrders = profile.stopLimitParam !== undefined;
    const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    const settings = {
      requestTimeoutMs,
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      ...(options.secret === undefined ? {} : { secret: options.secret }),
      ...(restBaseOf(profile, options) === undefined ? {} : { restUrl: restBaseOf(profile, options) }),
    };
    // ccxt loads here, with the first venue built, not with @hookline/exchange (the gateway waits).
    const client = import('./ccxt-client.js').then(({ createCcxtClient }) =>
      createCcxtClient(profile, settings),
    );
    const perSecond = (msPerRequest: number) => 1_000 / Math.max(msPerRequest, 1);
    this.#gateway = new CcxtGateway(client, profile, {
      clock: options.clock,
      name: this.name,
      attemptTimeoutMs: options.attemptTimeoutMs ?? requestTimeoutMs * 2,
      ordersPerSecond: perSecond(options.rateLimitMs ?? profile.rateLimit.msPerRequest),
      marketDataPerSecond:
        options.marketDataRequestsPerSecond ??
        perSecond(options.rateLimitMs ?? profile.rateLimit.marketDataMsPerRequest),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.breaker === undefined ? {} : { breaker: options.breaker }),
    });
    this.#markets = new CcxtMarkets(this.#gateway);
    this.#orders = new CcxtOrders(this.#gateway, this.#markets, options);
    this.#fills = new CcxtFillHistory(this.#gateway, this.#markets, options.clock);
    this.#streams =
      profile.streams === 'coinbase' ? coinbaseStreamsFor(options, this.#markets, this) : undefined;
    this.#krakenUser =
      profile.streams === 'kraken'
        ? new KrakenUserStreams(options, this.#gateway, this.#markets, this)
        : undefined;
  }

  /** Both breakers' states, health, counts and times (for /readyz, metrics and the risk gate). */
  circuits(): ExchangeCircuits {
    return this.#gateway.lanes.circuits();
  }

  async fetchMarkets(): Promise<readonly Market[]> {
    return (await this.#markets.load(true)).markets;
  }

  async fetchBalances(): Promise<Balances> {
    await this.#markets.load();
    return balancesFromCcxt(await this.#gateway.read('fetchBalances', {}, (client) => client.fetchBalance()));
  }

  async fetchTicker(symbol: string): Promise<Ticker> {
    const market = await this.#markets.resolve(symbol);
    const ccxtSymbol = this.#markets.ccxtSymbol(market);
    const context = { symbol: market.symbol };
    const ticker = await this.#gateway.read('fetchTicker', context, async (client) =>
      this.#gateway.profile.tickerSource === 'bidsAsks'
        ? (await client.fetchBidsAsks([ccxtSymbol]))[ccxtSymbol]
        : await client.fetchTicker(ccxtSymbol),
    );
    const result =
      ticker === undefined ? undefined : tickerFromCcxt(ticker, market.symbol, this.#options.clock.now());
    if (result === undefined || !result.bid.greaterThan(ZERO) || !result.ask.greaterThan(ZERO)) {
      throw new ExchangeError('TEMPORARY', `${this.name} has no quote for ${market.symbol}`, { context });
    }
    return result;
  }

  /**
   * One request for many quotes: Coinbase best_bid_ask (fetchBidsAsks) takes every product at once,
   * other venues ccxt's fetchTickers where they have it; a venue with neither is read per symbol. A
   * market without a usable quote is left out of the answer.
   */
  async fetchTickers(symbols: readonly string[]): Promise<Readonly<Record<string, Ticker>>> {
    if (symbols.length === 0) return {};
    const markets = await Promise.all(symbols.map((symbol) => this.#markets.resolve(symbol)));
    const ccxtSymbols = markets.map((market) => this.#markets.ccxtSymbol(market));
    const batched =
      this.#gateway.profile.tickerSource === 'bidsAsks' ? 'fetchBidsAsks' : ('fetchTickers' as const);
    const raw = await this.#gateway.read(
      'fetchTickers',
      { symbols: ccxtSymbols.join(',') },
      async (client) =>
        client.has[batched] === true
          ? batched === 'fetchBidsAsks'
            ? await client.fetchBidsAsks(ccxtSymbols)
            : await client.fetchTickers(ccxtSymbols)
          : undefined,
    );
    const receivedAt = this.#options.clock.now();
    const quotes: Record<string, Ticker> = {};
    for (const [index, market] of markets.entries()) {
      const ccxtSymbol = ccxtSymbols[index] ?? market.symbol;
      const ticker =
        raw === undefined
          ? await this.fetchTicker(market.symbol).catch(() => undefined)
          : raw[ccxtSymbol] === undefined
            ? undefined
            : tickerFromCcxt(raw[ccxtSymbol], market.symbol, receivedAt);
      if (ticker?.bid.greaterThan(ZERO) && ticker.ask.greaterThan(ZERO)) {
        quotes[market.symbol] = ticker;
      }
    }
    return quotes;
  }

  async fetchCandles(
    symbol: string,
    timeframe: CandleTimeframe,
    query: CandleQuery = {},
  ): Promise<readonly Candle[]> {
    const market = await this.#markets.resolve(symbol);
    const rows = await this.#gateway.read('fetchCandles', { symbol: market.symbol, timeframe }, (client) =>
      client.fetchOHLCV(this.#markets.ccxtSymbol(market), timeframe, query.since?.getTime(), query.limit),
    );
    return candlesFromCcxt(rows);
  }

  createOrder(request: CreateOrderRequest): Promise<ExchangeOrder> {
    return this.#orders.create(request, (symbol) => this.fetchTicker(symbol));
  }

  cancelOrder(reference: OrderReference): Promise<ExchangeOrder> {
    return this.#orders.cancel(reference);
  }

  fetchOrder(reference: OrderReference): Promise<ExchangeOrder> {
    return this.#orders.fetch(reference);
  }

  fetchOpenOrders(symbol?: string): Promise<readonly ExchangeOrder[]> {
    return this.#orders.open(symbol);
  }

  fetchFillsSince(query: FillQuery = {}): Promise<FillPage> {
    return this.#fills.since(query);
  }

  /** Every fill of one order, oldest first, with trade ids (the stream's gap backfill uses it). */
  fetchOrderFills(orderId: string): Promise<readonly Fill[]> {
    return this.#fills.ofOrder(orderId);
  }

  /** A fills cursor from which fetchFillsSince returns the fills sequenced at or after `time`. */
  fillCursorAt(time: Date): FillCursor {
    return this.#fills.cursorAt(time);
  }

  subscribeUserEvents(listener: StreamListener<UserStreamEvent>): Unsubscribe {
    // The channel names products by id (Kraken by its v2 symbol); the markets turn them into ours.
    void this.#markets.load().catch((error: unknown) => this.#options.onBackgroundError?.(error));
    if (this.#krakenUser !== undefined) return this.#krakenUser.subscribe(listener);
    const streams = this.#requireStreams('subscribeUserEvents');
    return streams.subscribeUser(listener);
  }

  subscribeTickers(symbols: readonly string[], listener: StreamListener<TickerStreamEvent>): Unsubscribe {
    if (this.#gateway.profile.streams === 'kraken') return this.#krakenTickers(symbols, listener);
    const streams = this.#requireStreams('subscribeTickers');
    const resolver = this.#markets.resolver;
    if (resolver === undefined) {
      throw new ExchangeError('TEMPORARY', 'markets are not loaded yet: call fetchMarkets first', {
        context: { operation: 'subscribeTickers', exchange: this.name },
      });
    }
    return streams.subscribeTickers(
      symbols.map((symbol) => resolver.resolve(symbol).exchangeSymbol),
      listener,
    );
  }

  /** The private stream's counters (connections, gaps, backfilled fills), while it is open. */
  userStreamCounters(): UserStreamCounters | undefined {
    const kraken = this.#krakenUser?.stream?.counters;
    if (kraken !== undefined) return { ...kraken, gaps: 0 };
    return this.#streams?.userCounters();
  }

  /**
   * Resolves once every open stream is subscribed and caught up (start-up readiness, tests);
   * TEMPORARY when that takes longer than `timeoutMs`.
   */
  async whenStreamsSettled(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new ExchangeError('TEMPORARY', `${this.name} streams did not settle in ${timeoutMs} ms`, {
            context: { operation: 'whenStreamsSettled', exchange: this.name },
          }),
        );
      }, timeoutMs);
    });
    try {
      await Promise.race([
        Promise.all([
          this.#streams?.whenSettled(),
          this.#krakenUser?.stream?.whenReady(),
          ...[...this.#krakenStreams].map((stream) => stream.whenReady()),
        ]),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.#streams?.close();
    this.#krakenUser?.close();
    for (const stream of this.#krakenStreams) stream.close();
    this.#krakenStreams.clear();
  }

  // Kraken's public v2 ticker channel names markets as we do (`BTC/USD`).
  #krakenTickers(symbols: readonly string[], listener: StreamListener<TickerStreamEvent>): Unsubscribe {
    const resolver = this.#requireResolver();
    const stream = new KrakenTickerStream(
      {
        url: this.#options.urls?.ws ?? krakenWebSocketUrl,
        clock: this.#options.clock,
        symbols: symbols.map((symbol) => resolver.resolve(symbol).symbol),
        resolveSymbol: (symbol) => resolver.find(symbol),
        ...(this.#options.stream?.reconnect === undefined
          ? {}
          : { reconnect: this.#options.stream.reconnect }),
        ...(this.#options.stream?.idleTimeoutMs === undefined
          ? {}
          : { idleTimeoutMs: this.#options.stream.idleTimeoutMs }),
      },
      (event) => {
        try {
          listener(event);
        } catch (error) {
          this.#options.onListenerError?.(error);
        }
      },
    );
    this.#krakenStreams.add(stream);
    return () => {
      stream.close();
      this.#krakenStreams.delete(stream);
    };
  }

  #requireResolver() {
    const resolver = this.#markets.resolver;
    if (resolver === undefined) {
      throw new ExchangeError('TEMPORARY', 'markets are not loaded yet: call fetchMarkets first', {
        context: { operation: 'subscribeTickers', exchange: this.name },
      });
    }
    return resolver;
  }

  #requireStreams(operation: string): CoinbaseStreams {
    if (this.#streams === undefined) {
      throw new ExchangeError(
        'FATAL',
        `${this.name} streams are not implemented in this adapter (Coinbase and Kraken only)`,
        {
          context: { operation, exchange: this.name },
        },
      );
    }
    return this.#streams;
  }
}
