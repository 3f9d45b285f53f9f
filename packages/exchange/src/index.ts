// @hookline/exchange: the one port between Hookline and any exchange, and its adapters.
// The paper exchange (simulated, the default) lives here; the ccxt adapter and the Coinbase user
// channel plug into the same port and pass the same conformance suite (test/conformance).

export type { ExchangeErrorKind } from '@hookline/core';
export { checkOrderRules } from './order-rules.js';
export {
  benchmarkPaperExchange,
  type PaperBenchmarkOptions,
  type PaperBenchmarkResult,
} from './paper/benchmark.js';
export { CandleHistory } from './paper/candle-history.js';
export { PaperExchange } from './paper/paper-exchange.js';
export { type PaperFault, PaperFaults, type PaperStreamSelector } from './paper/paper-faults.js';
export { defaultPaperMarkets, type PaperMarketSpec, type RandomWalkParams } from './paper/paper-market.js';
export {
  defaultBookShape,
  defaultInitialBalances,
  defaultPaperFees,
  type PaperExchangeOptions,
} from './paper/paper-options.js';
export type { FeeSchedule } from './paper/paper-settlement.js';
export type { PaperSnapshot } from './paper/paper-snapshot.js';
export {
  FilePaperStateStore,
  MemoryPaperStateStore,
  type PaperStateStore,
} from './paper/paper-state-store.js';
export type { JsonValue, MarketQuote, PriceSource } from './paper/price-source.js';
export { realTimeWait, startTicking } from './paper/real-time.js';
export { type CandleRow, parseCandleCsv, parseTickCsv, type TickRow } from './paper/replay-files.js';
export { candleFileQuotes, ReplayPriceSource, tickFileQuotes } from './paper/replay-source.js';
export { ScriptedPriceSource } from './paper/scripted-source.js';
export { SeededRandom, type SeededRandomState } from './paper/seeded-random.js';
export type { BookShape } from './paper/simulated-book.js';
export { SyntheticPriceSource, type SyntheticSourceOptions } from './paper/synthetic-source.js';
export {
  ExchangeError,
  type ExchangeErrorContext,
  type ExchangeErrorOptions,
  exchangeErrorKinds,
  isDefinitiveRejection,
  isExchangeError,
  isRetryableRead,
} from './port/exchange-error.js';
export type { ExchangeOperation, ExchangePort } from './port/exchange-port.js';
export type { Fill, FillCursor, FillPage, FillQuery, Liquidity, StreamFill } from './port/fill.js';
export {
  type Balance,
  type Balances,
  type Candle,
  type CandleQuery,
  type CandleTimeframe,
  candleTimeframeMs,
  candleTimeframes,
  type Market,
  type Ticker,
} from './port/market.js';
export type {
  CreateOrderRequest,
  ExchangeOrder,
  LimitOrderRequest,
  MarketOrderRequest,
  OrderReference,
  OrderSide,
  OrderType,
  TimeInForce,
} from './port/order.js';
export type {
  FillEvent,
  OrderUpdateEvent,
  StreamListener,
  StreamStatusEvent,
  TickerEvent,
  TickerStreamEvent,
  Unsubscribe,
  UserStreamEvent,
} from './port/stream-events.js';
export { type ListenerErrorHandler, ListenerSet } from './stream/listener-set.js';
export { canonicalSymbol, defaultCurrencyAliases, SymbolResolver } from './symbols.js';
