import { type Decimal, ONE, quantizeToTick, toPlainString } from '@hookline/core';
import { orderContext } from '../order-rules.js';
import { ExchangeError } from '../port/exchange-error.js';
import type { Market } from '../port/market.js';
import type { CreateOrderRequest } from '../port/order.js';
import type { VenueProfile } from './venue-profile.js';

/** The arguments of ccxt's createOrder, amounts and prices as exact decimal strings. */
export interface CcxtOrderArguments {
  readonly type: 'limit' | 'market';
  readonly side: 'buy' | 'sell';
  readonly amount: string;
  readonly price: string | undefined;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * ccxt's createOrder arguments for our request. Our client order id travels in the param the
 * venue reads (Coinbase `client_order_id`: ccxt drops `clientOrderId` there and sends its own,
 * docs/exchange-notes.md, ccxt 1; Kraken `cl_ord_id`; Binance `newClientOrderId`). A market buy on a
 * venue that sizes market buys in quote (Coinbase) becomes an IOC limit at the ask plus
 * `maxSlippage`, rounded up to the tick, so exactly `amount` is bought or the rest expires. A
 * stop-limit is a `limit` at its limit price with the stop price in the profile's stop param.
 */
export function ccxtOrderArguments(
  request: CreateOrderRequest,
  market: Market,
  profile: VenueProfile,
  options: { readonly ask?: Decimal; readonly maxSlippage: Decimal },
): CcxtOrderArguments {
  const clientId = { [profile.clientOrderIdParam]: request.clientOrderId };
  const amount = toPlainString(request.amount);
  if (request.type === 'STOP_LIMIT') {
    if (profile.stopLimitParam === undefined) {
      throw new ExchangeError('INVALID_ORDER', `stop-limit orders are not supported on ${profile.id}`, {
        context: orderContext(request, market.symbol),
      });
    }
    return {
      type: 'limit',
      side: request.side,
      amount,
      price: toPlainString(request.price),
      params: { ...clientId, [profile.stopLimitParam]: toPlainString(request.stopPrice) },
    };
  }
  if (request.type === 'LIMIT') {
    const immediate = request.timeInForce === 'IOC';
    return {
      type: 'limit',
      side: request.side,
      amount,
      price: toPlainString(request.price),
      params: {
        ...clientId,
        ...(immediate ? { timeInForce: 'IOC' } : {}),
        ...(request.postOnly === true && !immediate ? { postOnly: true } : {}),
      },
    };
  }
  if (request.side === 'buy' && profile.marketBuy === 'limit-ioc') {
    if (options.ask === undefined) throw new Error('a market buy as an IOC limit needs the ask');
    const limit = quantizeToTick(options.ask.times(ONE.plus(options.maxSlippage)), market.priceTick, 'up');
    return {
      type: 'limit',
      side: 'buy',
      amount,
      price: toPlainString(limit),
      params: { ...clientId, timeInForce: 'IOC' },
    };
  }
  return { type: 'market', side: request.side, amount, price: undefined, params: clientId };
}
