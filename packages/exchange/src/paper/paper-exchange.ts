import { type Clock, type Decimal, HooklineError, toPlainString } from '@hookline/core';
import { orderContext } from '../order-rules.js';
import { ExchangeError, type ExchangeErrorContext } from '../port/exchange-error.js';
import type { ExchangeOperation, ExchangePort } from '../port/exchange-port.js';
import type { FillPage, FillQuery } from '../port/fill.js';
import {
  type Balances,
  type Candle,
  type CandleQuery,
  type CandleTimeframe,
  candleTimeframeMs,
  type Market,
  type Ticker,
} from '../port/market.js';
import type { CreateOrderRequest, ExchangeOrder, OrderReference } from '../port/order.js';
import type {
  StreamListener,
  TickerStreamEvent,
  Unsubscribe,
  UserStreamEvent,
} from '../port/stream-events.js';
import type { ExchangeCircuits } from '../resilience/circuit-status.js';
import { SymbolResolver } from '../symbols.js';
import { warmCandleHistory } from './history-warmup.js';
import { PaperBalances } from './paper-balances.js';
import { PaperDelivery } from './paper-delivery.js';
import { PaperEngine } from './paper-engine.js';
import { PaperFaults } from './paper-faults.js';
import { defaultPaperMarkets } from './paper-market.js';
import {
  defaultBookShape,
  defaultInitialBalances,
  defaultPaperFees,
  type PaperExchangeOptions,
} from './paper-options.js';
import { toExchangeOrder } from './paper-order.js';
import { type RequestSteps, runPaperRequest } from './paper-request.js';
import { type PaperSnapshot, restoreEngine, takeSnapshot } from './paper-snapshot.js';
import type { PriceSource } from './price-source.js';
import { realTimeWait } from './real-time.js';
import { SyntheticPriceSource } from './synthetic-source.js';

/** Requests that travel to the venue and wait the configured latency. */
const delayedOperations: ReadonlySet<ExchangeOperation> = new Set(['createOrder', 'cancelOrder']);
/** Requests that need the venue's latest prices (when the price source follows a venue). */
const pricedOperations: ReadonlySet<ExchangeOperation> = new Set([
  'createOrder',
  'fetchTicker',
  'fetchTickers',
]);

/**
 * The simulated exchange, Hookline's default: deterministic for a seed, driven only by its Clock
 * (call `tick()` after the clock moves, or let `startTicking` do it), with injectable faults for
 * tests, and its state saved to a store after every change of orders or balances.
 */
export class PaperExchange implements ExchangePort {
  readonly name: string;
  /** Resting stop-limit sells: triggered when the bid touches the stop price, then limits. */
  readonly stopOrders = true;
  /** Injects request and stream faults (tests). */
  readonly faults: PaperFaults;
  readonly #clock: Clock;
  readonly #source: PriceSource;
  readonly #resolver: SymbolResolver;
  readonly #engine: PaperEngine;
  readonly #delivery: PaperDelivery;
  readonly #options: PaperExchangeOptions;
  readonly #steps: RequestSteps;
  #syncedMs = Number.NEGATIVE_INFINITY;
  #closed = false;
  #delivering = false;

  constructor(options: PaperExchangeOptions) {
    this.#options = options;
    this.#clock = options.clock;
    this.name = options.name ?? 'paper';
    const specs = options.markets ?? defaultPaperMarkets;
    this.#resolver = new SymbolResolver(specs.map((spec) => spec.market));
    this.#source =
      options.priceSource ??
      new SyntheticPriceSource(specs, { seed: options.seed ?? 1, startMs: this.#clock.nowMs() });
    const onError =
      options.onListenerError ??
      ((error: unknown) => process.emitWarning(`a paper exchange listener threw: ${String(error)}`));
    this.#delivery = new PaperDelivery(this.#clock, onError);
    this.faults = new PaperFaults(this.#delivery);
    const config = {
      specs,
      resolver: this.#resolver,
      fees: options.fees ?? defaultPaperFees,
      book: { ...defaultBookShape, ...options.book },
      matchDelayMs: checkedMatchDelay(options.matchDelayMs),
    };
    checkVolumeShare(config.book.maxVolumeShare);
    const saved = options.store?.load();
    if (saved === undefined) {
      this.#engine = new PaperEngine(
        config,
        new PaperBalances(options.initialBalances ?? defaultInitialBalances),
      );
      if ((options.historyMinutes ?? 0) > 0) {
        warmCandleHistory(this.#engine.candles, specs, {
          endMs: this.#clock.nowMs(),
          minutes: options.historyMinutes ?? 0,
          seed: options.seed ?? 1,
        });
      }
    } else {
      this.#engine = restoreEngine(saved, config);
      this.#source.restoreState(saved.source);
      this.#syncedMs = saved.syncedMs;
      if (this.#source.refresh !== undefined) this.#engine.books.clear();
    }
    this.#steps = {
      wait: options.wait ?? realTimeWait,
      assertOpen: (operation) => this.#assertOpen(operation),
      refresh: (operation) =>
        this.#source.refresh !== undefined && pricedOperations.has(operation) ? this.#readVenue() : undefined,
      sync: () => this.#sync(),
      commit: () => this.#commit(),
    };
    // Nobody can be subscribed yet: what happened before this moment is only in the state.
    this.#sync();
    this.#engine.events.length = 0;
    this.#save();
  }

  /** Moves the market up to the clock's time and delivers what happened (tickers, fills). */
  tick(): void {
    if (this.#closed) return;
    this.#sync();
    this.#commit();
  }

  /**
   * Reads the venue's latest prices, then ticks (a paper exchange on a venue's prices; the same as
   * `tick()` for the offline sources).
   */
  async refreshPrices(): Promise<void> {
    await this.#readVenue();
    this.tick();
  }

  /**
   * A deposit into the paper account: `amount` of `currency` arrives, as a transfer in from a wallet
   * would (no order, no fill). Saved like every change of the balances.
   */
  deposit(currency: string, amount: Decimal): void {
    if (!amount.greaterThan(0))
      throw new HooklineError('INVALID_ARGUMENT', `a deposit must be positive, not ${toPlainString(amount)}`);
    this.#engine.balances.credit(currency, amount);
    this.#save();
  }

  /** The whole state as JSON-ready data (Decimals as strings). */
  snapshot(): PaperSnapshot {
    return takeSnapshot(this.#engine, this.#source.saveState(), this.#syncedMs);
  }

  fetchMarkets(): Promise<readonly Market[]> {
    return this.#request('fetchMarkets', {}, () => this.#resolver.markets);
  }

  fetchBalances(): Promise<Balances> {
    return this.#request('fetchBalances', {}, () => this.#engine.balances.view());
  }

  fetchTicker(symbol: string): Promise<Ticker> {
    return this.#request('fetchTicker', { symbol }, () => {
      const market = this.#resolver.resolve(symbol);
      const ticker = this.#engine.tickerOf(market.symbol, this.#clock.now());
      if (ticker === undefined) {
        throw new ExchangeError('TEMPORARY', `no market data for ${market.symbol} yet`, {
          context: { symbol },
        });
      }
      return ticker;
    });
  }

  /** Every quote in one request; a market without data yet is left out. */
  fetchTickers(symbols: readonly string[]): Promise<Readonly<Record<string, Ticker>>> {
    return this.#request('fetchTickers', { symbols: symbols.join(',') }, () => {
      const receivedAt = this.#clock.now();
      const quotes: Record<string, Ticker> = {};
      for (const symbol of symbols) {
        const market = this.#resolver.resolve(symbol);
        const ticker = this.#engine.tickerOf(market.symbol, receivedAt);
        if (ticker !== undefined) quotes[market.symbol] = ticker;
      }
      return quotes;
    });
  }

  fetchCandles(
    symbol: string,
    timeframe: CandleTimeframe,
    query: CandleQuery = {},
  ): Promise<readonly Candle[]> {
    const venueCandles = this.#options.candles;
    if (venueCandles !== undefined) {
      return this.#request('fetchCandles', { symbol }, () => this.#resolver.resolve(symbol).symbol).then(
        (canonical) => venueCandles(canonical, timeframe, query),
      );
    }
    return this.#request('fetchCandles', { symbol }, () => {
      const market = this.#resolver.resolve(symbol);
      const limit = Math.min(Math.max(query.limit ?? 300, 1), 1_000);
      return this.#engine.candles.query(
        market.symbol,
        candleTimeframeMs[timeframe],
        query.since?.getTime(),
        limit,
      );
    });
  }

  createOrder(request: CreateOrderRequest): Promise<ExchangeOrder> {
    return this.#request(
      'createOrder',
      orderContext(request),
      () => this.#engine.createOrder(request, this.#clock.nowMs()),
      request.urgent === true,
    );
  }

  /** The breakers' states when the exchange was given lanes (undefined otherwise: always HEALTHY). */
  circuits(): ExchangeCircuits | undefined {
    return this.#options.lanes?.circuits();
  }

  cancelOrder(reference: OrderReference): Promise<ExchangeOrder> {
    return this.#request('cancelOrder', { ...reference }, () =>
      this.#engine.cancelOrder(reference, this.#clock.nowMs()),
    );
  }

  fetchOrder(reference: OrderReference): Promise<ExchangeOrder> {
    return this.#request('fetchOrder', { ...reference }, () =>
      toExchangeOrder(this.#engine.findOrder(reference)),
    );
  }

  fetchOpenOrders(symbol?: string): Promise<readonly ExchangeOrder[]> {
    return this.#request('fetchOpenOrders', { symbol }, () =>
      this.#engine.openOrderList(this.#canonical(symbol)),
    );
  }

  fetchFillsSince(query: FillQuery = {}): Promise<FillPage> {
    return this.#request('fetchFillsSince', { symbol: query.symbol }, () =>
      this.#engine.fillsSince(query, this.#canonical(query.symbol), this.#clock.now()),
    );
  }

  subscribeUserEvents(listener: StreamListener<UserStreamEvent>): Unsubscribe {
    this.#assertOpen('subscribeUserEvents');
    return this.#delivery.subscribeUser(listener);
  }

  subscribeTickers(symbols: readonly string[], listener: StreamListener<TickerStreamEvent>): Unsubscribe {
    this.#assertOpen('subscribeTickers');
    const wanted = new Set(symbols.map((symbol) => this.#resolver.resolve(symbol).symbol));
    return this.#delivery.subscribeTickers(wanted, listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#save();
    this.#closed = true;
    this.#delivery.close();
  }

  #request<Result>(
    operation: ExchangeOperation,
    context: ExchangeErrorContext,
    action: () => Result,
    urgent = false,
  ): Promise<Result> {
    try {
      this.#assertOpen(operation);
    } catch (error) {
      return Promise.reject(error);
    }
    const latencyMs = this.#options.latencyMs ?? 0;
    const faults = this.faults.take(operation);
    const travel =
      latencyMs > 0 && delayedOperations.has(operation)
        ? [{ type: 'latency' as const, milliseconds: latencyMs }, ...faults]
        : faults;
    const send = () => runPaperRequest(this.#steps, travel, operation, context, action);
    const lanes = this.#options.lanes;
    return lanes === undefined ? send() : lanes.run(operation, send, { urgent });
  }

  #canonical(symbol: string | undefined): string | undefined {
    return symbol === undefined ? undefined : this.#resolver.resolve(symbol).symbol;
  }

  // A failed read leaves the last prices (the source reports why in its status); never a made-up one.
  async #readVenue(): Promise<void> {
    await this.#source.refresh?.().catch(() => undefined);
  }

  #sync(): void {
    const nowMs = this.#clock.nowMs();
    for (const quote of this.#source.advance(nowMs)) this.#engine.applyQuote(quote);
    this.#syncedMs = Math.max(this.#syncedMs, nowMs);
  }

  // A listener may call the exchange while events are delivered; the nested call leaves its events
  // queued for this loop, so every subscriber still sees them in order. Saves only when an order or
  // a balance changed: quotes alone are recomputed from the saved source state after a restart.
  #commit(): void {
    if (this.#delivering) return;
    this.#delivering = true;
    try {
      let changed = this.#delivery.deliver(this.#engine.events.splice(0));
      while (this.#engine.events.length > 0) {
        changed = this.#delivery.deliver(this.#engine.events.splice(0)) || changed;
      }
      if (changed) this.#save();
    } finally {
      this.#delivering = false;
    }
  }

  #save(): void {
    this.#options.store?.save(this.snapshot());
  }

  #assertOpen(operation: string): void {
    if (this.#closed)
      throw new ExchangeError('FATAL', 'the paper exchange is closed', { context: { operation } });
  }
}

function checkedMatchDelay(value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new HooklineError('INVALID_ARGUMENT', `matchDelayMs must be a whole number ≥ 0, not ${value}`);
  return value;
}

function checkVolumeShare(share: Decimal | undefined): void {
  if (share === undefined || (share.greaterThan(0) && share.lessThanOrEqualTo(1))) return;
  throw new HooklineError(
    'INVALID_ARGUMENT',
    `book.maxVolumeShare must be above 0 and at most 1, not ${toPlainString(share)}`,
  );
}
