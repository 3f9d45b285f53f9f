import { type Decimal, isTerminal, type OrderStatus, ZERO } from '@hookline/core';
import type { Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt';
import type { Fill } from '../port/fill.js';
import type { Market } from '../port/market.js';
import type { CreateOrderRequest, ExchangeOrder, OrderSide, TimeInForce } from '../port/order.js';
import { dateOr, decimalOr, infoOf, optionalDecimal } from './ccxt-values.js';
import type { VenueProfile } from './venue-profile.js';

/** The unified status ccxt gives, with the filled amount, in our lifecycle's words. */
export function statusFromUnified(status: string | undefined, filled: Decimal): OrderStatus | undefined {
  switch (status) {
    case 'open':
      return filled.greaterThan(ZERO) ? 'PARTIALLY_FILLED' : 'OPEN';
    case 'closed':
      return 'FILLED';
    case 'canceled':
    case 'cancelled':
      return 'CANCELED';
    case 'expired':
      return 'EXPIRED';
    case 'rejected':
      return 'REJECTED';
    default:
      return undefined;
  }
}

function timeInForceOf(order: CcxtOrder): TimeInForce {
  // FOK behaves like IOC for our lifecycle: it never rests.
  return order.timeInForce === 'IOC' || order.timeInForce === 'FOK' || order.type === 'market'
    ? 'IOC'
    : 'GTC';
}

/**
 * Our order from a ccxt order on the given market. The status comes from the venue's raw order
 * when the profile knows better than ccxt's unified one; a status nobody recognizes is reported as
 * SUBMITTED (in flight), never as a rejection. Terminal orders report nothing remaining.
 */
export function orderFromCcxt(
  order: CcxtOrder,
  market: Market,
  profile: VenueProfile,
  now: Date,
): ExchangeOrder {
  const filled = decimalOr(order.filled, ZERO);
  const status =
    profile.orderStatus?.(infoOf(order), filled) ?? statusFromUnified(order.status, filled) ?? 'SUBMITTED';
  const amount = optionalDecimal(order.amount) ?? filled;
  const average = optionalDecimal(order.average);
  const createdAt = dateOr(order.timestamp, now);
  const fee = order.fee;
  // A stop reports its trigger in triggerPrice (Coinbase stop_price) or stopLossPrice (Kraken).
  const stopPrice = optionalDecimal(order.triggerPrice ?? order.stopLossPrice ?? order.stopPrice);
  const isStop = order.type !== 'market' && stopPrice !== undefined && !stopPrice.isZero();
  return {
    id: String(order.id),
    clientOrderId: order.clientOrderId ?? '',
    symbol: market.symbol,
    side: order.side === 'sell' ? 'sell' : 'buy',
    type: order.type === 'market' ? 'MARKET' : isStop ? 'STOP_LIMIT' : 'LIMIT',
    timeInForce: timeInForceOf(order),
    postOnly: order.postOnly === true,
    price: order.type === 'market' ? undefined : optionalDecimal(order.price),
    ...(isStop ? { stopPrice } : {}),
    amount,
    filledAmount: filled,
    remainingAmount: isTerminal(status) ? ZERO : decimalOr(order.remaining, amount.minus(filled)),
    averageFillPrice: filled.isZero() || average === undefined || average.isZero() ? undefined : average,
    fee: decimalOr(fee?.cost, ZERO),
    feeCurrency: fee?.currency ?? market.quote,
    status,
    createdAt,
    updatedAt: dateOr(order.lastUpdateTimestamp ?? order.lastTradeTimestamp, createdAt),
  };
}

/** Our fill from a ccxt trade of one of our orders (REST fills: the ledger's source of truth). */
export function fillFromCcxt(trade: CcxtTrade, market: Market, now: Date): Fill {
  const side: OrderSide = trade.side === 'sell' ? 'sell' : 'buy';
  return {
    tradeId: String(trade.id),
    orderId: String(trade.order ?? ''),
    clientOrderId: undefined,
    symbol: market.symbol,
    side,
    price: decimalOr(trade.price, ZERO),
    amount: decimalOr(trade.amount, ZERO),
    fee: decimalOr(trade.fee?.cost, ZERO),
    feeCurrency: trade.fee?.currency ?? market.quote,
    liquidity: trade.takerOrMaker === 'maker' ? 'MAKER' : 'TAKER',
    executedAt: dateOr(trade.timestamp, now),
  };
}

/** The order as sent, SUBMITTED: what is known of a placed order whose state could not be read yet. */
export function submittedOrder(
  id: string,
  request: CreateOrderRequest,
  market: Market,
  now: Date,
): ExchangeOrder {
  return {
    id,
    clientOrderId: request.clientOrderId,
    symbol: market.symbol,
    side: request.side,
    type: request.type,
    timeInForce:
      request.type === 'MARKET' || (request.type === 'LIMIT' && request.timeInForce === 'IOC')
        ? 'IOC'
        : 'GTC',
    postOnly: request.type === 'LIMIT' && request.postOnly === true,
    price: request.type === 'MARKET' ? undefined : request.price,
    ...(request.type === 'STOP_LIMIT' ? { stopPrice: request.stopPrice } : {}),
    amount: request.amount,
    filledAmount: ZERO,
    remainingAmount: request.amount,
    averageFillPrice: undefined,
    fee: ZERO,
    feeCurrency: market.quote,
    status: 'SUBMITTED',
    createdAt: now,
    updatedAt: now,
  };
}
