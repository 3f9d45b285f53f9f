import type { FillPage, FillQuery } from './fill.js';
import type { Balances, Candle, CandleQuery, CandleTimeframe, Market, Ticker } from './market.js';
import type { CreateOrderRequest, ExchangeOrder, OrderReference } from './order.js';
import type { StreamListener, TickerStreamEvent, Unsubscribe, UserStreamEvent } from './stream-events.js';

/** The request methods of the port, named in error contexts, fault plans and metrics. */
export type ExchangeOperation =
  | 'fetchMarkets'
  | 'fetchBalances'
  | 'fetchTicker'
  | 'fetchCandles'
  | 'createOrder'
  | 'cancelOrder'
  | 'fetchOrder'
  | 'fetchOpenOrders'
  | 'fetchFillsSince'
  | 'fetchTickers';

/**
 * Everything Hookline asks of an exchange. Symbols may be given in any common form (`BTC-USD`,
 * `btc/usd`, `XBTUSD`) and come back canonical (`BTC/USD`). Money is Decimal. Every failure is an
 * ExchangeError with one closed kind; a create whose outcome is unknown throws UNKNOWN_OUTCOME and
 * is resolved by `fetchOrder({ clientOrderId })`, never by a blind re-send.
 */
export interface ExchangePort {
  /** A short name for logs and metrics (`paper`, `coinbase`). */
  readonly name: string;
  /** True when createOrder takes STOP_LIMIT sells (the venue keeps them resting while we are down). */
  readonly stopOrders: boolean;

  /** Every market with its precision and minimums. */
  fetchMarkets(): Promise<readonly Market[]>;
  /** Total and available (not reserved by open orders) per currency. */
  fetchBalances(): Promise<Balances>;
  /** Best bid and ask now, with their exchange time. */
  fetchTicker(symbol: string): Promise<Ticker>;
  /**
   * Best bid and ask of several markets in one request where the venue has a batched read (ccxt
   * `fetchBidsAsks`/`fetchTickers`), by canonical symbol; a market without a usable quote is missing
   * from the answer instead of failing the others. Optional: without it, callers read fetchTicker per symbol.
   */
  fetchTickers?(symbols: readonly string[]): Promise<Readonly<Record<string, Ticker>>>;
  /** OHLCV candles, oldest first. */
  fetchCandles(symbol: string, timeframe: CandleTimeframe, query?: CandleQuery): Promise<readonly Candle[]>;

  /**
   * Places an order. A repeated clientOrderId returns the existing order and places nothing (as
   * Coinbase does); callers compare it with what they meant to send.
   */
  createOrder(request: CreateOrderRequest): Promise<ExchangeOrder>;
  /** Cancels a working order and returns it; an order already terminal comes back unchanged. */
  cancelOrder(reference: OrderReference): Promise<ExchangeOrder>;
  /** One order by exchange id or by client order id; NOT_FOUND when the venue has none. */
  fetchOrder(reference: OrderReference): Promise<ExchangeOrder>;
  /** Orders still working, optionally on one symbol. */
  fetchOpenOrders(symbol?: string): Promise<readonly ExchangeOrder[]>;
  /** Fills after a cursor, oldest first, each exactly once across pages. */
  fetchFillsSince(query?: FillQuery): Promise<FillPage>;

  /** Our order updates and fills, pushed; emits `connected` when the stream is (re)established. */
  subscribeUserEvents(listener: StreamListener<UserStreamEvent>): Unsubscribe;
  /** Best bid/ask updates of the given markets. */
  subscribeTickers(symbols: readonly string[], listener: StreamListener<TickerStreamEvent>): Unsubscribe;

  /** Ends every subscription and releases connections; the port is unusable afterwards. */
  close(): Promise<void>;
}
