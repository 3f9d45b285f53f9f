import { type Clock, type Decimal, dec } from '@hookline/core';
import type { Candle, CandleQuery, CandleTimeframe } from '../port/market.js';
import type { ExchangeLanes } from '../resilience/exchange-lanes.js';
import type { ListenerErrorHandler } from '../stream/listener-set.js';
import type { PaperMarketSpec } from './paper-market.js';
import type { FeeSchedule } from './paper-settlement.js';
import type { PaperStateStore } from './paper-state-store.js';
import type { PriceSource } from './price-source.js';
import type { BookShape } from './simulated-book.js';

/** How to build a PaperExchange; only the clock is required. */
export interface PaperExchangeOptions {
  /** The only source of time (a TestClock in tests; the system clock plus a ticker in a process). */
  readonly clock: Clock;
  /** Seed of the default synthetic markets (default 1). */
  readonly seed?: number;
  /** Markets and their simulated books (default: BTC/USD, ETH/USD, SOL/USD). */
  readonly markets?: readonly PaperMarketSpec[];
  /** Where prices come from (default: seeded random walks over `markets`, one step a second). */
  readonly priceSource?: PriceSource;
  /** Default Coinbase's entry tier: maker 0.4 %, taker 0.6 %. */
  readonly fees?: FeeSchedule;
  /** Money of a new account (default 100 000 USD); ignored when the store has a saved state. */
  readonly initialBalances?: Readonly<Record<string, Decimal>>;
  /** Default 10 levels a side, 2 bps apart, no volume cap. */
  readonly book?: Partial<BookShape>;
  /** Saves the state after every change and loads it at start (default: none, state dies with the process). */
  readonly store?: PaperStateStore;
  /** How an injected latency waits (default real time; tests pass one that advances their TestClock). */
  readonly wait?: (milliseconds: number) => Promise<void>;
  /** Told when a stream listener throws (default: a process warning). */
  readonly onListenerError?: ListenerErrorHandler;
  /**
   * Minutes of seeded one-minute candle history to create for a NEW account (none when a saved state
   * is loaded), ending at the markets' initial prices, so indicators have a past at a cold start.
   * Default 0.
   */
  readonly historyMinutes?: number;
  /**
   * An order or a cancel sent at t reaches the venue at t + this (default 0): it is matched against
   * the book as of then, read from the venue first when the price source follows one.
   */
  readonly latencyMs?: number;
  /**
   * For a virtual clock that cannot wait out a request (a backtest): an order placed at t is answered
   * at once, SUBMITTED, and meets the first quote at or after t + this (default 0: the quote of t).
   * Unlike `latencyMs`, the caller is not held up; cancels are not delayed.
   */
  readonly matchDelayMs?: number;
  /**
   * Where candles come from (default: the paper market's own one-minute history). A paper exchange
   * on a venue's prices reads the venue's public OHLCV here.
   */
  readonly candles?: (
    symbol: string,
    timeframe: CandleTimeframe,
    query: CandleQuery,
  ) => Promise<readonly Candle[]>;
  /** Name for logs and metrics (default `paper`). */
  readonly name?: string;
  /**
   * The live adapter's budgets and breakers (market data and orders), so a paper run meets them as a
   * live one does: injected faults then open the real breakers. Default: none (always HEALTHY).
   */
  readonly lanes?: ExchangeLanes;
}

/** Coinbase Advanced Trade's lowest volume tier, so paper P&L is not flattered. */
export const defaultPaperFees: FeeSchedule = { maker: dec('0.004'), taker: dec('0.006') };

/** The book every paper market gets unless told otherwise. */
export const defaultBookShape: BookShape = { depth: 10, levelSpacingBps: dec('2') };

/** The starting money of a new paper account. */
export const defaultInitialBalances: Readonly<Record<string, Decimal>> = { USD: dec('100000') };
