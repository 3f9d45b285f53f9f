import {
  type Decimal,
  dec,
  deriveClientOrderId,
  type ExchangeErrorKind,
  quantizeDown,
  quantizeToTick,
} from '@hookline/core';
import { expect } from 'vitest';
import {
  type ExchangePort,
  type Fill,
  isExchangeError,
  type Market,
  type Ticker,
  type UserStreamEvent,
} from '../../src/index.js';
import type { ConformanceHarness } from './conformance-harness.js';

/** The market, its current quote and order sizes derived from its rules, so the suite fits any venue. */
export interface TradingFixture {
  readonly market: Market;
  readonly ticker: Ticker;
  /** The smallest convenient order: twice the minimums, on the step. */
  readonly unit: Decimal;
  /** A buy price ten ticks under the bid: rests, and fills only when the suite moves the market. */
  readonly restingBuyPrice: Decimal;
  /** A sell price ten ticks over the ask. */
  readonly restingSellPrice: Decimal;
}

/** What each section of the suite reads: the current test's harness and its trading fixture. */
export interface SuiteContext {
  harness(): ConformanceHarness;
  fixture(): TradingFixture;
}

let clientOrderSequence = 0;

/** A fresh client order id, a UUID like the executor's (deriveClientOrderId), unique within the run. */
export function newClientOrderId(label: string): string {
  clientOrderSequence += 1;
  return deriveClientOrderId(`conformance:${label}`, clientOrderSequence);
}

/** Reads the harness's market and current quote and derives order sizes and prices from them. */
export async function loadFixture(harness: ConformanceHarness): Promise<TradingFixture> {
  const markets = await harness.exchange.fetchMarkets();
  const market = markets.find((candidate) => candidate.symbol === harness.symbol);
  if (market === undefined) throw new Error(`the harness market ${harness.symbol} is not listed`);
  const ticker = await harness.exchange.fetchTicker(market.symbol);
  const byNotional = ceilToStep(market.minNotional.times(2).dividedBy(ticker.bid), market.amountStep);
  const bySize = ceilToStep(market.minAmount.times(2), market.amountStep);
  const tenTicks = market.priceTick.times(10);
  return {
    market,
    ticker,
    unit: byNotional.greaterThan(bySize) ? byNotional : bySize,
    restingBuyPrice: quantizeToTick(ticker.bid.minus(tenTicks), market.priceTick, 'down'),
    restingSellPrice: quantizeToTick(ticker.ask.plus(tenTicks), market.priceTick, 'up'),
  };
}

/** The value rounded up to a multiple of step. */
export function ceilToStep(value: Decimal, step: Decimal): Decimal {
  const down = quantizeDown(value, step);
  return down.equals(value) ? down : down.plus(step);
}

/** Awaits the promise and returns the ExchangeError it rejects with; fails the test otherwise. */
export async function expectExchangeError(promise: Promise<unknown>, kind: ExchangeErrorKind) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isExchangeError(error), `expected an ExchangeError ${kind}, got ${String(error)}`).toBe(true);
  if (!isExchangeError(error)) throw error;
  expect(error.kind).toBe(kind);
  return error;
}

/** Records the user stream of an exchange from now on. */
export function recordUserEvents(exchange: ExchangePort): { events: UserStreamEvent[]; stop: () => void } {
  const events: UserStreamEvent[] = [];
  const stop = exchange.subscribeUserEvents((event) => events.push(event));
  return { events, stop };
}

/** The sum of the amounts. */
export function total(amounts: readonly Decimal[]): Decimal {
  return amounts.reduce((sum, amount) => sum.plus(amount), dec(0));
}

/** True for a Date that holds a real instant. */
export function isValidDate(value: unknown): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** Reads every fill from the start, one per page, so paging itself is exercised. */
export async function readAllFills(exchange: ExchangePort): Promise<{ fills: Fill[]; cursor: string }> {
  const fills: Fill[] = [];
  let page = await exchange.fetchFillsSince({ limit: 1 });
  fills.push(...page.fills);
  for (let guard = 0; page.hasMore && guard < 1_000; guard += 1) {
    page = await exchange.fetchFillsSince({ cursor: page.nextCursor, limit: 1 });
    fills.push(...page.fills);
  }
  return { fills, cursor: page.nextCursor };
}
