import { dec } from '@hookline/core';
import type { Order } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { orderFromCcxt } from '../../src/ccxt/ccxt-order-mapping.js';
import { venueProfiles } from '../../src/ccxt/venue-profile.js';

const market = {
  symbol: 'BTC/USD',
  base: 'BTC',
  quote: 'USD',
  exchangeSymbol: 'BTC-USD',
  priceTick: dec('0.1'),
  amountStep: dec('0.00000001'),
  minAmount: dec('0'),
  minNotional: dec('0'),
  active: true,
};

// A resting sell as ccxt 4.5 parses it; Coinbase reports a stop's stop_price as triggerPrice, Kraken's
// stop-loss-limit as stopLossPrice.
function ccxtOrder(fields: Partial<Order>): Order {
  return {
    id: 'order-1',
    clientOrderId: 'stop-7',
    symbol: 'BTC/USD',
    type: 'limit',
    side: 'sell',
    price: 56900,
    amount: 0.001,
    filled: 0,
    remaining: 0.001,
    status: 'open',
    timestamp: 1_735_819_200_000,
    info: {},
    ...fields,
  } as Order;
}

describe('orderFromCcxt: stop-limit orders', () => {
  it.for([
    { name: 'Coinbase triggerPrice', fields: { triggerPrice: 57000 } },
    { name: 'Kraken stopLossPrice', fields: { stopLossPrice: 57000 } },
  ])(
    'when ccxt reports a limit with a $name then it is our STOP_LIMIT with that stop price',
    ({ fields }) => {
      const order = orderFromCcxt(ccxtOrder(fields), market, venueProfiles.kraken, new Date(0));

      expect([order.type, order.stopPrice?.toString(), order.price?.toString()]).toEqual([
        'STOP_LIMIT',
        '57000',
        '56900',
      ]);
    },
  );

  it('when ccxt reports a limit without a trigger then it stays a LIMIT with no stop price', () => {
    const order = orderFromCcxt(ccxtOrder({}), market, venueProfiles.kraken, new Date(0));

    expect([order.type, order.stopPrice]).toEqual(['LIMIT', undefined]);
  });
});
