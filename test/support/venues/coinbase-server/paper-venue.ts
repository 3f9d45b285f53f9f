import { type Decimal, dec, TestClock } from '@hookline/core';
import {
  defaultPaperMarkets,
  type ExchangeOrder,
  type Fill,
  type Market,
  PaperExchange,
  ScriptedPriceSource,
  type Ticker,
} from '@hookline/exchange';

/** A top of book for the venue to show. */
export interface VenueQuoteInput {
  readonly bid: Decimal;
  readonly ask: Decimal;
  readonly bidSize: Decimal;
  readonly askSize: Decimal;
}

/**
 * The local Coinbase's matching engine: a PaperExchange on a TestClock (started at the wall time,
 * so ccxt's wall-clock candle windows and JWTs line up) with scripted quotes, plus a mirror of every
 * order and fill it reports, so the server can list all orders and send snapshots synchronously.
 */
export class PaperVenue {
  readonly clock: TestClock;
  readonly paper: PaperExchange;
  readonly markets: readonly Market[] = defaultPaperMarkets.map((spec) => spec.market);
  readonly orders = new Map<string, ExchangeOrder>();
  readonly fills: Fill[] = [];
  /** The latest top of book per canonical symbol. */
  readonly tickers = new Map<string, Ticker>();
  readonly #source: ScriptedPriceSource;
  readonly #orderListeners = new Set<(order: ExchangeOrder) => void>();
  readonly #tickerListeners = new Set<(ticker: Ticker) => void>();

  constructor(options: { readonly symbol?: string; readonly quote?: VenueQuoteInput } = {}) {
    this.clock = new TestClock(Math.floor(Date.now() / 1_000) * 1_000);
    const symbol = options.symbol ?? 'BTC/USD';
    const quote = options.quote ?? {
      bid: dec('60000'),
      ask: dec('60000.01'),
      bidSize: dec('0.5'),
      askSize: dec('0.5'),
    };
    this.#source = new ScriptedPriceSource();
    this.paper = new PaperExchange({
      clock: this.clock,
      priceSource: this.#source,
      markets: defaultPaperMarkets,
    });
    this.paper.subscribeUserEvents((event) => {
      if (event.type === 'order') {
        this.orders.set(event.order.id, event.order);
        for (const listener of this.#orderListeners) listener(event.order);
      } else if (event.type === 'fill' && event.fill.tradeId !== undefined) {
        this.fills.push({ ...event.fill, tradeId: event.fill.tradeId });
      }
    });
    this.paper.subscribeTickers(
      this.markets.map((market) => market.symbol),
      (event) => {
        if (event.type !== 'ticker') return;
        this.tickers.set(event.ticker.symbol, event.ticker);
        for (const listener of this.#tickerListeners) listener(event.ticker);
      },
    );
    // The first quote after subscribing, so the mirror sees it (quotes a paper exchange takes
    // while it is being built are state, not events).
    this.#source.push({ symbol, timeMs: this.clock.nowMs(), ...quote, volume: dec('0') });
    this.paper.tick();
  }

  /** Moves the venue's clock a second and shows the quote; resting orders it crosses fill. */
  setQuote(symbol: string, quote: VenueQuoteInput): void {
    this.clock.advance(1_000);
    this.#source.push({ symbol, timeMs: this.clock.nowMs(), ...quote, volume: dec('0') });
    this.paper.tick();
  }

  /**
   * Shows the quote at the wall time (the clock moves forward to now, never back): a venue that
   * quotes live while processes on the wall clock judge each quote's age.
   */
  showQuoteNow(symbol: string, quote: VenueQuoteInput): void {
    this.clock.set(Math.max(this.clock.nowMs(), Date.now()));
    this.#source.push({ symbol, timeMs: this.clock.nowMs(), ...quote, volume: dec('0') });
    this.paper.tick();
  }

  /** Calls the listener with every order change. */
  onOrder(listener: (order: ExchangeOrder) => void): () => void {
    this.#orderListeners.add(listener);
    return () => this.#orderListeners.delete(listener);
  }

  /** Calls the listener with every new top of book. */
  onTicker(listener: (ticker: Ticker) => void): () => void {
    this.#tickerListeners.add(listener);
    return () => this.#tickerListeners.delete(listener);
  }

  /** The market with this product id (`BTC-USD`). */
  market(productId: string): Market | undefined {
    return this.markets.find((market) => market.exchangeSymbol === productId);
  }

  /** How many fills an order has had. */
  fillCount(orderId: string): number {
    return this.fills.filter((fill) => fill.orderId === orderId).length;
  }

  /** Closes the paper exchange. */
  async close(): Promise<void> {
    await this.paper.close();
  }
}
