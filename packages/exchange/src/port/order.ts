import type { Decimal, OrderStatus } from '@hookline/core';

/** Buy or sell, as ccxt spells them. */
export type OrderSide = 'buy' | 'sell';

/**
 * LIMIT rests at its price (unless IOC); MARKET takes what the book offers now; STOP_LIMIT waits off
 * the book until the bid touches its stop price, then works as a limit at its price.
 */
export type OrderType = 'LIMIT' | 'MARKET' | 'STOP_LIMIT';

/** GTC rests until filled or canceled; IOC fills what it can at once and expires the rest. */
export type TimeInForce = 'GTC' | 'IOC';

/**
 * A request to place an order; `clientOrderId` is ours and makes a retry safe (the venue dedupes).
 * `urgent` marks a hard stop or an emergency exit: it takes the priority lane of the request budget
 * and may probe an OPEN orders breaker (docs/architecture.md, "Exchange adapter").
 */
export type CreateOrderRequest = (LimitOrderRequest | MarketOrderRequest | StopLimitOrderRequest) & {
  readonly urgent?: boolean;
};

/** A limit order: post-only (maker or rejected) or IOC; amount in base units. */
export interface LimitOrderRequest {
  readonly type: 'LIMIT';
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly amount: Decimal;
  readonly price: Decimal;
  /** Default GTC. */
  readonly timeInForce?: TimeInForce;
  /** Rejected with INVALID_ORDER instead of taking liquidity (only with GTC). */
  readonly postOnly?: boolean;
}

/**
 * A market order for `amount` base units, IOC by nature. (Coinbase buys by quote size: the ccxt
 * adapter converts with the ask, as ccxt's createMarketBuyOrderWithCost does.)
 */
export interface MarketOrderRequest {
  readonly type: 'MARKET';
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly amount: Decimal;
}

/**
 * A protective stop-limit sell, GTC: rests off the book (reserving its amount) until the bid falls
 * to `stopPrice`, then is a limit sell at `price` (≤ stopPrice). Only on ports whose `stopOrders` is
 * true; a venue without them refuses it with INVALID_ORDER.
 */
export interface StopLimitOrderRequest {
  readonly type: 'STOP_LIMIT';
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'sell';
  readonly amount: Decimal;
  /** The limit price once triggered. */
  readonly price: Decimal;
  /** The trigger: the order goes live when the bid is at or below it. */
  readonly stopPrice: Decimal;
}

/** An order as the exchange reports it; status follows the core lifecycle (`transition()`). */
export interface ExchangeOrder {
  /** The exchange's order id. */
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  /** The limit price; undefined for MARKET orders. */
  readonly price: Decimal | undefined;
  /** A STOP_LIMIT's trigger price; absent for other orders. */
  readonly stopPrice?: Decimal;
  readonly amount: Decimal;
  /** Cumulative filled amount (base units). */
  readonly filledAmount: Decimal;
  /** amount − filledAmount while working; zero once terminal (as Coinbase zeroes leaves_quantity). */
  readonly remainingAmount: Decimal;
  /** Volume-weighted price of the fills so far; undefined before the first fill. */
  readonly averageFillPrice: Decimal | undefined;
  /** Cumulative fee, in feeCurrency. */
  readonly fee: Decimal;
  readonly feeCurrency: string;
  readonly status: OrderStatus;
  /** Exchange time the order was accepted. */
  readonly createdAt: Date;
  /** Exchange time of the last change. */
  readonly updatedAt: Date;
}

/** Which order a cancel or lookup means: by exchange id or by our client order id. */
export type OrderReference =
  | { readonly orderId: string; readonly symbol?: string }
  | { readonly clientOrderId: string; readonly symbol?: string };
