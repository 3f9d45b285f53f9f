import type { Clock, Decimal } from '@hookline/core';
import type { Ticker } from '../port/market.js';
import type {
  StreamListener,
  TickerStreamEvent,
  Unsubscribe,
  UserStreamEvent,
} from '../port/stream-events.js';
import type { ListenerErrorHandler } from '../stream/listener-set.js';
import type { PaperStreamSelector } from './paper-faults.js';
import type { EngineEvent } from './paper-settlement.js';
import { PaperStream } from './paper-stream.js';
import type { MarketQuote } from './price-source.js';

/** The ticker the port reports for a quote, received now (with its 24 h change when known). */
export function tickerFromQuote(quote: MarketQuote, receivedAt: Date, change24hPct?: Decimal): Ticker {
  const { symbol, bid, ask, bidSize, askSize } = quote;
  const exchangeTime = new Date(quote.timeMs);
  return {
    symbol,
    bid,
    ask,
    bidSize,
    askSize,
    exchangeTime,
    receivedAt,
    change24hPct: quote.change24hPct ?? change24hPct,
  };
}

/** Routes what the engine did to the paper exchange's user and ticker streams, stamped with our receive time. */
export class PaperDelivery {
  readonly #clock: Clock;
  readonly #user: PaperStream<UserStreamEvent>;
  readonly #ticker: PaperStream<TickerStreamEvent>;

  constructor(clock: Clock, onError: ListenerErrorHandler) {
    this.#clock = clock;
    this.#user = new PaperStream(onError);
    this.#ticker = new PaperStream(onError);
  }

  /** Subscribes to our orders and fills. */
  subscribeUser(listener: StreamListener<UserStreamEvent>): Unsubscribe {
    return this.#user.subscribe(listener);
  }

  /** Subscribes to the tickers of the given canonical symbols. */
  subscribeTickers(symbols: ReadonlySet<string>, listener: StreamListener<TickerStreamEvent>): Unsubscribe {
    return this.#ticker.subscribe((event) => {
      if (event.type !== 'ticker' || symbols.has(event.ticker.symbol)) listener(event);
    });
  }

  /** Drops the selected streams now; they reconnect `forMilliseconds` later on the clock. */
  disconnect(selector: PaperStreamSelector, forMilliseconds: number): void {
    const reconnectAtMs = this.#clock.nowMs() + forMilliseconds;
    for (const stream of this.#select(selector)) {
      stream.disconnect(reconnectAtMs, 'disconnected (injected fault)', this.#clock.now());
    }
  }

  /** Ends the selected streams' outage now; `connected` follows with the next delivery. */
  reconnect(selector: PaperStreamSelector): void {
    for (const stream of this.#select(selector)) stream.reconnectNow(this.#clock.nowMs());
  }

  /** Loses the selected streams' next messages. */
  drop(selector: PaperStreamSelector, count: number, announced: boolean): void {
    for (const stream of this.#select(selector)) stream.drop(count, announced);
  }

  /** Delivers the events in order; true when an order or a fill was among them (the state changed). */
  deliver(events: readonly EngineEvent[]): boolean {
    const receivedAt = this.#clock.now();
    let changed = false;
    for (const event of events) {
      if (event.type === 'ticker') {
        const ticker = tickerFromQuote(event.quote, receivedAt);
        this.#ticker.pass(event.quote.timeMs, { type: 'ticker', ticker }, receivedAt);
      } else {
        changed = true;
        this.#user.pass(event.exchangeTime.getTime(), { ...event, receivedAt }, receivedAt);
      }
    }
    this.#user.settle(this.#clock.nowMs(), receivedAt);
    this.#ticker.settle(this.#clock.nowMs(), receivedAt);
    return changed;
  }

  /** Removes every subscriber. */
  close(): void {
    this.#user.close();
    this.#ticker.close();
  }

  #select(
    selector: PaperStreamSelector,
  ): Array<PaperStream<UserStreamEvent> | PaperStream<TickerStreamEvent>> {
    if (selector === 'user') return [this.#user];
    if (selector === 'ticker') return [this.#ticker];
    return [this.#user, this.#ticker];
  }
}
