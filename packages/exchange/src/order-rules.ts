import { type Decimal, toPlainString } from '@hookline/core';
import { ExchangeError, type ExchangeErrorContext } from './port/exchange-error.js';
import type { Market } from './port/market.js';
import type { CreateOrderRequest } from './port/order.js';

/** The context every error about this request carries (side, symbol, amount, price, client order id). */
export function orderContext(request: CreateOrderRequest, symbol = request.symbol): ExchangeErrorContext {
  return {
    operation: 'createOrder',
    symbol,
    side: request.side,
    type: request.type,
    amount: toPlainString(request.amount),
    ...(request.type === 'MARKET' ? {} : { price: toPlainString(request.price) }),
    ...(request.type === 'STOP_LIMIT' ? { stopPrice: toPlainString(request.stopPrice) } : {}),
    clientOrderId: request.clientOrderId,
  };
}

/**
 * Refuses, with INVALID_ORDER and the reason, an order a real venue would refuse: the price off the
 * tick or the amount off the step (not rounded: the caller's preflight quantizes, and a silent
 * change here would hide its bug), below the minimum size or notional, or a contradictory
 * post-only IOC, or a stop-limit that is not a sell with its limit at or below its stop price. A
 * market order's notional is valued at `referencePrice` (the side it takes), a stop-limit's at its limit.
 */
export function checkOrderRules(request: CreateOrderRequest, market: Market, referencePrice: Decimal): void {
  const context = orderContext(request, market.symbol);
  const refuse = (reason: string): never => {
    throw new ExchangeError('INVALID_ORDER', reason, { context });
  };
  if (request.clientOrderId.length === 0) refuse('a client order id is required');
  if (!market.active) refuse(`${market.symbol} is not accepting orders`);
  if (!request.amount.isFinite() || !request.amount.greaterThan(0)) refuse('the amount must be positive');
  if (!request.amount.modulo(market.amountStep).isZero()) {
    refuse(`the amount is not a multiple of the amount step ${toPlainString(market.amountStep)}`);
  }
  if (request.amount.lessThan(market.minAmount)) {
    refuse(`the amount is below the minimum size ${toPlainString(market.minAmount)}`);
  }
  let price = referencePrice;
  const onTick = (value: Decimal, name: string): void => {
    if (!value.isFinite() || !value.greaterThan(0)) refuse(`the ${name} must be positive`);
    if (!value.modulo(market.priceTick).isZero()) {
      refuse(`the ${name} is not a multiple of the price tick ${toPlainString(market.priceTick)}`);
    }
  };
  if (request.type === 'LIMIT') {
    price = request.price;
    onTick(price, 'price');
    if (request.postOnly === true && request.timeInForce === 'IOC') refuse('a post-only order cannot be IOC');
  }
  if (request.type === 'STOP_LIMIT') {
    price = request.price;
    onTick(price, 'price');
    onTick(request.stopPrice, 'stop price');
    if (request.side !== 'sell') refuse('a stop-limit order must be a sell');
    if (price.greaterThan(request.stopPrice))
      refuse('the limit price of a stop-limit sell is above its stop price');
  }
  const notional = price.times(request.amount);
  if (notional.lessThan(market.minNotional)) {
    refuse(
      `the order value ${toPlainString(notional)} is below the minimum notional ${toPlainString(market.minNotional)}`,
    );
  }
}
