// A venue's public ticker stream for many symbols at once, as cheap as the messages a real stream
// delivers: every second each subscribed symbol's price takes a small random step. The paper
// exchange's own stream steps a whole simulated market per symbol, which at 10,000 symbols would
// take the benchmark's one core away from what it measures.
import { dec } from '@hookline/core';
import type { ExchangePort, Ticker } from '@hookline/exchange';

type TickerListener = Parameters<ExchangePort['subscribeTickers']>[1];

/** Ticks every subscribed symbol once a second from its starting price; stop() ends the timer. */
export class TickerFeed {
  readonly #prices = new Map<string, number>();
  readonly #listeners = new Set<{ symbols: readonly string[]; listener: TickerListener }>();
  readonly #timer: NodeJS.Timeout;
  #seed = 1;

  constructor(startingPrices: ReadonlyMap<string, number>) {
    for (const [symbol, price] of startingPrices) this.#prices.set(symbol, price);
    this.#timer = setInterval(() => this.#tick(), 1_000);
    this.#timer.unref();
  }

  /** The port's subscribeTickers: the first ticker of each symbol at once, then every second. */
  readonly subscribe: ExchangePort['subscribeTickers'] = (symbols, listener) => {
    const entry = { symbols: [...symbols], listener };
    this.#listeners.add(entry);
    this.#send(entry, new Date());
    return () => void this.#listeners.delete(entry);
  };

  stop(): void {
    clearInterval(this.#timer);
  }

  #tick(): void {
    for (const [symbol, price] of this.#prices)
      this.#prices.set(symbol, price * (1 + (this.#random() - 0.5) * 4e-4));
    const now = new Date();
    for (const entry of this.#listeners) this.#send(entry, now);
  }

  #send(entry: { symbols: readonly string[]; listener: TickerListener }, now: Date): void {
    for (const symbol of entry.symbols) {
      const price = this.#prices.get(symbol);
      if (price !== undefined) entry.listener({ type: 'ticker', ticker: tickerOf(symbol, price, now) });
    }
  }

  // A small linear congruential generator: the same run every time, no dependency.
  #random(): number {
    this.#seed = (this.#seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return this.#seed / 2_147_483_648;
  }
}

function tickerOf(symbol: string, price: number, now: Date): Ticker {
  const bid = dec(price.toFixed(4));
  return {
    symbol,
    bid,
    ask: bid.times('1.0002').toDecimalPlaces(4),
    bidSize: dec('100'),
    askSize: dec('100'),
    exchangeTime: now,
    receivedAt: now,
  };
}

/** The port with its ticker stream replaced by `feed` (everything else is the port's own). */
export function withTickerFeed<Port extends ExchangePort>(port: Port, feed: TickerFeed): Port {
  return new Proxy(port, {
    get(target, property) {
      if (property === 'subscribeTickers') return feed.subscribe;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
