// @hookline/exchange: the one port between Hookline and any exchange, and its adapters.
// The paper exchange (simulated, the default) lives here; the ccxt adapter and the Coinbase user
// channel plug into the same port and pass the same conformance suite (test/conformance).

export { CcxtExchange } from './ccxt/ccxt-exchange.js';
export { CoinbaseUserChannelParser } from './coinbase/user-channel-parser.js';
export { type CandleSeriesOptions, generateCandleCsv } from './paper/candle-series.js';
export {
  type CandleProblem,
  type CandleValidationOptions,
  candleProblems,
  validateCandles,
} from './paper/candle-validation.js';
export { PaperExchange } from './paper/paper-exchange.js';
export { defaultPaperMarkets, type PaperMarketSpec } from './paper/paper-market.js';
export type { PaperExchangeOptions } from './paper/paper-options.js';
export {
  FilePaperStateStore,
  MemoryPaperStateStore,
  type PaperStateStore,
} from './paper/paper-state-store.js';
export { startTicking } from './paper/real-time.js';
export {
  type CandleRow,
  type EntryRow,
  parseCandleCsv,
  parseEntryCsv,
  parseTickCsv,
  readCandleCsv,
  type TickRow,
} from './paper/replay-files.js';
export {
  type CandlePath,
  candleFileQuotes,
  candleQuotes,
  ReplayPriceSource,
  tickFileQuotes,
} from './paper/replay-source.js';
export { ScriptedPriceSource } from './paper/scripted-source.js';
export { SeededRandom } from './paper/seeded-random.js';
export {
  type VenueFeedStatus,
  VenuePriceSource,
  type VenuePriceSourceOptions,
} from './paper/venue-price-source.js';
export { ExchangeError, isDefinitiveRejection, isExchangeError } from './port/exchange-error.js';
export type { ExchangeOperation, ExchangePort } from './port/exchange-port.js';
export type { Fill, FillCursor, FillPage, StreamFill } from './port/fill.js';
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
  OrderSide,
  OrderType,
  StopLimitOrderRequest,
} from './port/order.js';
export type { CachedQuote, QuoteSource } from './port/quote-source.js';
export type { Unsubscribe, UserStreamEvent } from './port/stream-events.js';
export { isFeedFrozen } from './quotes/frozen-feed.js';
export {
  defaultMarketQuotesSettings,
  MarketQuotes,
  type MarketQuotesOptions,
  type MarketQuotesSettings,
} from './quotes/market-quotes.js';
export { countsAsExchangeFailure, isCircuitOpenError } from './resilience/circuit-breaker.js';
export {
  type CircuitScope,
  type CircuitStatus,
  type ExchangeCircuits,
  type ExchangeHealth,
  worstHealth,
} from './resilience/circuit-status.js';
export { ExchangeLanes, type ExchangeLanesOptions, scopeOf } from './resilience/exchange-lanes.js';
export { RequestBudget, type RequestLane } from './resilience/request-budget.js';
export { canonicalSymbol, SymbolResolver } from './symbols.js';
