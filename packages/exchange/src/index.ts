// @hookline/exchange: the one port between Hookline and any exchange, and its adapters.
// The paper exchange (simulated, the default) lives here; the ccxt adapter and the Coinbase user
// channel plug into the same port and pass the same conformance suite (test/conformance).

export type { ExchangeErrorKind } from '@hookline/core';
export { type TranslationInput, translateCcxtError } from './ccxt/ccxt-error-translation.js';
export { CcxtExchange } from './ccxt/ccxt-exchange.js';
export {
  type CcxtExchangeOptions,
  coinbaseWebSocketUrls,
  type ExchangeUrls,
  exchangeUrlsFromEnv,
} from './ccxt/ccxt-exchange-options.js';
export { type CcxtOrderArguments, ccxtOrderArguments } from './ccxt/ccxt-order-request.js';
export { decodeFillCursor, encodeFillCursor, type FillPosition, pageAfter } from './ccxt/fill-cursor.js';
export {
  type ClientOrderLookup,
  type VenueId,
  type VenueProfile,
  venueProfiles,
} from './ccxt/venue-profile.js';
export {
  binanceRejection,
  coinbaseRejection,
  krakenRejection,
  type RejectionMeaning,
  type VenueRejection,
} from './ccxt/venue-rejections.js';
export { type CoinbaseCredentials, CoinbaseJwtSigner } from './coinbase/coinbase-jwt.js';
export {
  CoinbaseSocket,
  type CoinbaseSocketOptions,
  defaultReconnectBackoff,
} from './coinbase/coinbase-socket.js';
export { CoinbaseStreams, type CoinbaseStreamsOptions } from './coinbase/coinbase-streams.js';
export { CoinbaseTickerStream, type CoinbaseTickerStreamOptions } from './coinbase/coinbase-ticker-stream.js';
export {
  CoinbaseUserStream,
  type CoinbaseUserStreamOptions,
  type UserStreamCounters,
} from './coinbase/coinbase-user-stream.js';
export { type FillBackfillSource, GapBackfill } from './coinbase/gap-backfill.js';
export { type CumulativeFills, type FillDelta, OrderFillTracker } from './coinbase/order-fill-tracker.js';
export { parseTickerMessage, type TickerChannelOutput } from './coinbase/ticker-channel-parser.js';
export {
  CoinbaseUserChannelParser,
  snapshotBatchSize,
  type UserChannelOutput,
} from './coinbase/user-channel-parser.js';
export { checkOrderRules } from './order-rules.js';
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
export {
  type CandleRow,
  type EntryRow,
  parseCandleCsv,
  parseEntryCsv,
  parseTickCsv,
  type TickRow,
} from './paper/replay-files.js';
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
export {
  type CircuitBreakerOptions,
  countsAsExchangeFailure,
  ExchangeCircuitBreaker,
  isCircuitOpenError,
} from './resilience/circuit-breaker.js';
export {
  type CircuitState,
  type CircuitStatus,
  type ExchangeHealth,
  healthOf,
} from './resilience/circuit-status.js';
export {
  type CreateOrderSafelyOptions,
  createOrderSafely,
  type SafeCreateResult,
} from './resilience/create-order-safely.js';
export { type BackoffOptions, backoffDelay, defaultReadBackoff } from './resilience/jittered-backoff.js';
export { type ReadRetryOptions, readRetryPolicy, shouldRetryRead } from './resilience/read-retry.js';
export { type ListenerErrorHandler, ListenerSet } from './stream/listener-set.js';
export { canonicalSymbol, defaultCurrencyAliases, SymbolResolver } from './symbols.js';
