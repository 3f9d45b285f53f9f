// A decorator of a real ExchangePort that counts the requests made through it, by method: what a
// test reads to prove how many exchange calls a path costs. Every call goes on to the real port.
import type { ExchangePort } from '@hookline/exchange';

/** The port, counting: `calls.get('fetchBalances')` is how many balance reads went through. */
export interface CountingExchange {
  readonly exchange: ExchangePort;
  readonly calls: Map<string, number>;
  /** Every counted call's method, in the order made. */
  readonly log: string[];
  /** Forgets every count (after the set-up, before the path under test). */
  reset(): void;
}

/** Wraps `exchange`; the batched quotes read is passed on only where the real port has it. */
export function countingExchange(exchange: ExchangePort): CountingExchange {
  const calls = new Map<string, number>();
  const log: string[] = [];
  const counted = <Result>(method: string, call: () => Result): Result => {
    calls.set(method, (calls.get(method) ?? 0) + 1);
    log.push(method);
    return call();
  };
  const port: ExchangePort = {
    name: exchange.name,
    stopOrders: exchange.stopOrders,
    fetchMarkets: () => counted('fetchMarkets', () => exchange.fetchMarkets()),
    fetchBalances: () => counted('fetchBalances', () => exchange.fetchBalances()),
    fetchTicker: (symbol) => counted('fetchTicker', () => exchange.fetchTicker(symbol)),
    fetchCandles: (symbol, timeframe, query) =>
      counted('fetchCandles', () => exchange.fetchCandles(symbol, timeframe, query)),
    createOrder: (request) => counted('createOrder', () => exchange.createOrder(request)),
    cancelOrder: (reference) => counted('cancelOrder', () => exchange.cancelOrder(reference)),
    fetchOrder: (reference) => counted('fetchOrder', () => exchange.fetchOrder(reference)),
    fetchOpenOrders: (symbol) => counted('fetchOpenOrders', () => exchange.fetchOpenOrders(symbol)),
    fetchFillsSince: (query) => counted('fetchFillsSince', () => exchange.fetchFillsSince(query)),
    subscribeUserEvents: (listener) => exchange.subscribeUserEvents(listener),
    subscribeTickers: (symbols, listener) => exchange.subscribeTickers(symbols, listener),
    close: () => exchange.close(),
  };
  const { fetchTickers } = exchange;
  if (fetchTickers !== undefined) {
    port.fetchTickers = (symbols) => counted('fetchTickers', () => fetchTickers.call(exchange, symbols));
  }
  return {
    exchange: port,
    calls,
    log,
    reset: () => {
      calls.clear();
      log.length = 0;
    },
  };
}
