import type { Decimal } from '@hookline/core';
import type { ExchangePort } from '../../src/index.js';
import type { ExchangeOperation } from '../../src/port/exchange-port.js';

/** A top of book the suite asks the venue to show; resting orders it crosses fill against these sizes. */
export interface VenueQuote {
  readonly bid: Decimal;
  readonly ask: Decimal;
  readonly bidSize: Decimal;
  readonly askSize: Decimal;
}

/**
 * How the suite moves the venue behind an adapter. The paper harness pushes quotes into the paper
 * exchange; a ccxt harness changes what its local Coinbase-speaking server reports (ticker, and
 * the fills and cumulative order updates that a crossing quote causes on the user channel).
 */
export interface VenueControls {
  /** The market's best bid/ask become these; a resting order they cross fills as far as the size allows. */
  setQuote(symbol: string, quote: VenueQuote): Promise<void>;
  /** Resolves once everything the venue has done so far has reached the adapter's stream listeners. */
  settle(): Promise<void>;
}

/**
 * The faults every adapter's harness can cause. Paper injects them into PaperExchange.faults; a
 * ccxt harness programs its local server (answer slowly after placing, answer 429).
 */
export interface ConformanceFaults {
  /** The next createOrder reaches the venue and is executed, but its answer is lost: UNKNOWN_OUTCOME. */
  timeoutAfterPlacingNextCreate(): void;
  /** The next request of the operation is answered with HTTP 429 and not processed. */
  rateLimitNext(operation: ExchangeOperation): void;
  /** The private stream's connection drops and stays down (the server refuses to reconnect). */
  disconnectUserStream(): void;
  /** The server accepts connections again; resolves once the adapter has reconnected. */
  reconnectUserStream(): Promise<void>;
}

/**
 * One adapter wired to a fresh venue, for one test. The account holds enough of the market's quote
 * currency for a few hundred minimum-size orders at the current price, and none of the market's
 * base currency has to be held. The venue starts with a quote already set for `symbol`.
 */
export interface ConformanceHarness {
  /** The adapter under test; after restart() the new one. */
  readonly exchange: ExchangePort;
  /** The market the suite trades, canonical (`BTC/USD`). */
  readonly symbol: string;
  readonly venue: VenueControls;
  readonly faults: ConformanceFaults;
  /** Closes the adapter and opens a new one over the same venue and persisted state (a process restart). */
  restart(): Promise<ExchangePort>;
  /** Releases everything (servers, files). */
  dispose(): Promise<void>;
}

/** Builds a harness per test. */
export type ConformanceHarnessFactory = () => Promise<ConformanceHarness>;

/** What an adapter supports, so the suite skips what cannot apply instead of failing it. */
export interface ConformanceCapabilities {
  /** The venue serves candles for the market. */
  readonly candles: boolean;
  /** disconnectUserStream/reconnectUserStream are supported. */
  readonly streamFaults: boolean;
  /** restart() keeps the account (paper: through its state store; live: the exchange keeps it). */
  readonly restart: boolean;
}
