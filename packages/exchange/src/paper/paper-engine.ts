import { type Decimal, dec, isTerminal, ONE, toPlainString, ZERO } from '@hookline/core';
import { checkOrderRules, orderContext } from '../order-rules.js';
import { ExchangeError } from '../port/exchange-error.js';
import type { FillPage, FillQuery } from '../port/fill.js';
import type { Market, Ticker } from '../port/market.js';
import type { CreateOrderRequest, ExchangeOrder, OrderReference } from '../port/order.js';
import type { SymbolResolver } from '../symbols.js';
import { CandleHistory } from './candle-history.js';
import type { PaperBalances } from './paper-balances.js';
import { tickerFromQuote } from './paper-delivery.js';
import type { PaperMarketSpec } from './paper-market.js';
import { matchArrivingOrder, matchRestingOrders } from './paper-matching.js';
import { applyOrderEvent, type PaperOrderRecord, toExchangeOrder } from './paper-order.js';
import {
  type EngineEvent,
  endOrder,
  type FeeSchedule,
  type PaperFillRecord,
  reportOrder,
  toFill,
} from './paper-settlement.js';
import type { MarketQuote } from './price-source.js';
import { type BookShape, SimulatedBook } from './simulated-book.js';

/** What the engine is built from: the markets, fees and book shape. */
export interface PaperEngineConfig {
  readonly specs: readonly PaperMarketSpec[];
  readonly resolver: SymbolResolver;
  readonly fees: FeeSchedule;
  readonly book: BookShape;
  /** An order placed at t meets the book at the first quote at or after t + this (default 0: at once). */
  readonly matchDelayMs?: number;
}

const maxFillPage = 1_000;
// Multiplying by 0.5 is exact and much cheaper than dividing (decimal.js divides at 60 digits).
const half = dec('0.5');

/**
 * The paper venue's state and rules, synchronous and clock-free: every method takes the time it
 * happens at. Events it produces wait in `events` until the facade delivers them.
 */
const DAY_MS = 86_400_000;

export class PaperEngine {
  readonly config: PaperEngineConfig;
  readonly events: EngineEvent[] = [];
  balances: PaperBalances;
  readonly orders = new Map<string, PaperOrderRecord>();
  readonly orderIdsByClientId = new Map<string, string>();
  readonly openOrders = new Map<string, PaperOrderRecord>();
  readonly fills: PaperFillRecord[] = [];
  readonly books = new Map<string, SimulatedBook>();
  readonly candles = new CandleHistory();
  orderCount = 0;

  /** The fee rates (part of the settlement context). */
  get fees(): FeeSchedule {
    return this.config.fees;
  }

  constructor(config: PaperEngineConfig, balances: PaperBalances) {
    this.config = config;
    this.balances = balances;
  }

  /**
   * A new top of book: rebuilds the book, records the candle, fills resting orders it crosses, then
   * lets the orders whose match delay has passed arrive (the resting ones were at the venue first).
   */
  applyQuote(quote: MarketQuote): void {
    const spec = this.config.specs.find((candidate) => candidate.market.symbol === quote.symbol);
    if (spec === undefined) return;
    const book = new SimulatedBook(quote, spec.market, this.config.book);
    this.books.set(quote.symbol, book);
    this.candles.record(quote.symbol, quote.timeMs, quote.bid.plus(quote.ask).times(half), quote.volume);
    this.events.push({ type: 'ticker', quote });
    matchRestingOrders(this, book, quote.timeMs);
    for (const order of [...this.openOrders.values()]) {
      if (order.symbol !== quote.symbol || order.arrivesAtMs === undefined) continue;
      if (order.arrivesAtMs > quote.timeMs) continue;
      order.arrivesAtMs = undefined;
      this.openOrders.delete(order.id);
      this.#arrive(order, book, quote.timeMs, true);
    }
  }

  /** The market's ticker now, with the mid's 24 h change once the history reaches back a day. */
  tickerOf(symbol: string, receivedAt: Date): Ticker | undefined {
    const book = this.books.get(symbol);
    if (book === undefined) return undefined;
    const { quote } = book;
    const mid = quote.bid.plus(quote.ask).times(half);
    const change = this.candles.changeSince(symbol, quote.timeMs, DAY_MS, mid);
    return tickerFromQuote(quote, receivedAt, change);
  }

  /** Places an order, or returns the existing one for a known client order id (Coinbase's dedupe). */
  createOrder(request: CreateOrderRequest, timeMs: number): ExchangeOrder {
    const existingId = this.orderIdsByClientId.get(request.clientOrderId);
    const existing = existingId === undefined ? undefined : this.orders.get(existingId);
    if (existing !== undefined) return toExchangeOrder(existing);
    const market = this.config.resolver.resolve(request.symbol);
    const book = this.#book(market, request);
    checkOrderRules(request, market, request.side === 'buy' ? book.quote.ask : book.quote.bid);
    if (
      request.type === 'LIMIT' &&
      request.postOnly === true &&
      book.wouldCross(request.side, request.price)
    ) {
      const best =
        request.side === 'buy'
          ? `best ask ${toPlainString(book.quote.ask)}`
          : `best bid ${toPlainString(book.quote.bid)}`;
      throw new ExchangeError('INVALID_ORDER', `the post-only order would take liquidity (${best})`, {
        context: orderContext(request, market.symbol),
      });
    }
    if (request.type === 'STOP_LIMIT' && !book.quote.bid.greaterThan(request.stopPrice)) {
      throw new ExchangeError(
        'INVALID_ORDER',
        `the stop price is at or above the best bid ${toPlainString(book.quote.bid)}: it would trigger at once`,
        { context: orderContext(request, market.symbol) },
      );
    }
    const order = this.#newOrder(request, market, book, timeMs);
    this.orders.set(order.id, order);
    this.orderIdsByClientId.set(order.clientOrderId, order.id);
    const delayMs = this.config.matchDelayMs ?? 0;
    if (delayMs > 0) {
      // On its way: answered SUBMITTED now (funds reserved), it meets the first book at or after
      // its arrival; a cancel before then ends it unfilled.
      order.arrivesAtMs = timeMs + delayMs;
      this.openOrders.set(order.id, order);
    } else {
      this.#arrive(order, book, timeMs);
    }
    return toExchangeOrder(order);
  }

  /** Cancels a working order at once; a terminal one is returned as it is. */
  cancelOrder(reference: OrderReference, timeMs: number): ExchangeOrder {
    const order = this.findOrder(reference, 'cancelOrder');
    if (!isTerminal(order.status)) endOrder(this, order, 'CANCEL_CONFIRMED', timeMs);
    return toExchangeOrder(order);
  }

  /** The order by exchange id or client order id; NOT_FOUND otherwise. */
  findOrder(reference: OrderReference, operation = 'fetchOrder'): PaperOrderRecord {
    const id =
      'orderId' in reference ? reference.orderId : this.orderIdsByClientId.get(reference.clientOrderId);
    const order = id === undefined ? undefined : this.orders.get(id);
    if (order === undefined) {
      throw new ExchangeError('NOT_FOUND', 'no such order', { context: { operation, ...reference } });
    }
    return order;
  }

  /** Working orders, oldest first, optionally of one market. */
  openOrderList(symbol?: string): ExchangeOrder[] {
    const orders = [...this.openOrders.values()].filter(
      (order) => symbol === undefined || order.symbol === symbol,
    );
    return orders.map(toExchangeOrder);
  }

  /** Fills after the cursor (a fill sequence number), oldest first. */
  fillsSince(query: FillQuery, symbol: string | undefined, receivedAt: Date): FillPage {
    const after = parseCursor(query.cursor);
    const limit = Math.min(Math.max(query.limit ?? maxFillPage, 1), maxFillPage);
    const candidates = this.fills
      .slice(after)
      .filter((fill) => symbol === undefined || fill.symbol === symbol);
    const page = candidates.slice(0, limit);
    const last = page.at(-1);
    return {
      fills: page.map(toFill),
      nextCursor: String(last?.sequence ?? after),
      hasMore: candidates.length > page.length,
      receivedAt,
    };
  }

  // The order reaches the venue: a GTC one is acknowledged; a delayed post-only one that would now
  // take liquidity is canceled by the venue, as Coinbase does; the rest is matched as it arrives.
  #arrive(order: PaperOrderRecord, book: SimulatedBook, timeMs: number, waited = false): void {
    if (order.postOnly && order.price !== undefined && book.wouldCross(order.side, order.price)) {
      endOrder(this, order, 'CANCEL_CONFIRMED', timeMs);
      return;
    }
    if (order.timeInForce === 'GTC' && order.type !== 'MARKET') {
      applyOrderEvent(order, 'ACCEPT', timeMs);
      reportOrder(this, order);
    }
    // A stop waits off the book (its amount reserved) until a quote's bid reaches its stop price.
    if (order.waiting) this.openOrders.set(order.id, order);
    else matchArrivingOrder(this, order, book, timeMs, waited);
  }

  #book(market: Market, request: CreateOrderRequest): SimulatedBook {
    const book = this.books.get(market.symbol);
    if (book === undefined) {
      throw new ExchangeError('TEMPORARY', `no market data for ${market.symbol} yet`, {
        context: orderContext(request, market.symbol),
      });
    }
    return book;
  }

  // Reserves what the order may spend: a buy its price plus the worst fee it can pay (a market buy
  // exactly what the book would cost now), a sell its amount, so available never goes negative.
  #newOrder(
    request: CreateOrderRequest,
    market: Market,
    book: SimulatedBook,
    timeMs: number,
  ): PaperOrderRecord {
    const { maker, taker } = this.config.fees;
    let reservePerUnit: Decimal = ONE;
    let reserve = request.amount;
    if (request.side === 'buy' && request.type === 'LIMIT') {
      reservePerUnit = request.price.times(ONE.plus(request.postOnly === true ? maker : taker));
      reserve = reservePerUnit.times(request.amount);
    } else if (request.side === 'buy') {
      const slices = book.take('buy', request.amount, undefined, true);
      const cost = slices.reduce((total, slice) => total.plus(slice.price.times(slice.amount)), ZERO);
      const fillable = slices.reduce((total, slice) => total.plus(slice.amount), ZERO);
      reserve = cost.times(ONE.plus(taker));
      reservePerUnit = fillable.isZero() ? ZERO : reserve.dividedBy(fillable);
    }
    this.balances.reserve(
      request.side === 'buy' ? market.quote : market.base,
      reserve,
      orderContext(request, market.symbol),
    );
    this.orderCount += 1;
    const order: PaperOrderRecord = {
      id: `paper-order-${String(this.orderCount).padStart(9, '0')}`,
      clientOrderId: request.clientOrderId,
      symbol: market.symbol,
      base: market.base,
      quote: market.quote,
      side: request.side,
      type: request.type,
      timeInForce:
        request.type === 'LIMIT' ? (request.timeInForce ?? 'GTC') : request.type === 'MARKET' ? 'IOC' : 'GTC',
      postOnly: request.type === 'LIMIT' && request.postOnly === true,
      price: request.type === 'MARKET' ? undefined : request.price,
      stopPrice: request.type === 'STOP_LIMIT' ? request.stopPrice : undefined,
      waiting: request.type === 'STOP_LIMIT',
      arrivesAtMs: undefined,
      amount: request.amount,
      reservePerUnit,
      filled: ZERO,
      cost: ZERO,
      fee: ZERO,
      reserved: reserve,
      status: 'NEW',
      createdAtMs: timeMs,
      updatedAtMs: timeMs,
    };
    applyOrderEvent(order, 'SUBMIT', timeMs);
    return order;
  }
}

function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d+$/.test(cursor)) {
    throw new ExchangeError('FATAL', 'the fills cursor was not issued by this exchange', {
      context: { operation: 'fetchFillsSince', cursor },
    });
  }
  return Number(cursor);
}
