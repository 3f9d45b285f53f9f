import { dec } from '@hookline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../../test/support/venues/coinbase-server/coinbase-server.js';
import type { ServerFault } from '../../../../test/support/venues/coinbase-server/server-faults.js';
import type { CcxtExchange } from '../../src/index.js';
import type { LimitOrderRequest } from '../../src/port/order.js';
import { createOrderSafely } from '../../src/resilience/create-order-safely.js';
import { coinbaseAdapterFor } from './ccxt-harness.js';

let server: CoinbaseTestServer;
let sequence = 0;
const deriveClientOrderIdForTest = (label: string) => {
  sequence += 1;
  return `${label}-${sequence}`;
};
let exchange: CcxtExchange;

beforeEach(async () => {
  server = await startCoinbaseServer();
  exchange = coinbaseAdapterFor(server);
});

afterEach(async () => {
  await exchange.close();
  await server.close();
});

const restingBuy = (clientOrderId: string): LimitOrderRequest => ({
  type: 'LIMIT',
  clientOrderId,
  symbol: 'BTC-USD',
  side: 'buy',
  amount: dec('0.001'),
  price: dec('59000'),
  postOnly: true,
});

const fastLookups = { backoff: { initialMs: 5, maxMs: 20, jitter: 0.3 } };

/** The creates that reached the venue for a client order id, and the orders it holds for it. */
function venueView(clientOrderId: string) {
  const creates = server.requests.filter(
    (request) => request.operation === 'createOrder' && request.body.client_order_id === clientOrderId,
  );
  const orders = [...server.venue.orders.values()].filter((order) => order.clientOrderId === clientOrderId);
  return { creates: creates.length, orders: orders.length, faults: creates.map((request) => request.fault) };
}

const placedThenLost: readonly { name: string; fault: ServerFault }[] = [
  {
    name: 'the answer comes after the client timeout',
    fault: { kind: 'slow', delayMs: 1_200, afterProcessing: true },
  },
  { name: 'the answer is a 502 HTML page', fault: { kind: 'html', status: 502, afterProcessing: true } },
  { name: 'the answer is a 500 HTML page', fault: { kind: 'html', status: 500, afterProcessing: true } },
  { name: 'the answer is a 500 with a JSON error', fault: { kind: 'json500', afterProcessing: true } },
  { name: 'the answer is a 200 that is not JSON', fault: { kind: 'nonJson200', afterProcessing: true } },
  { name: 'the connection drops before the answer', fault: { kind: 'drop', afterProcessing: true } },
];

describe('an unknown create outcome never produces a second order', () => {
  it.for(placedThenLost)(
    'when the venue placed the order but $name then createOrder says UNKNOWN_OUTCOME, not a rejection',
    async ({ fault }) => {
      const clientOrderId = deriveClientOrderIdForTest('placed-then-lost');
      server.faults.inject('createOrder', fault);

      const error = await exchange.createOrder(restingBuy(clientOrderId)).catch((caught: unknown) => caught);

      expect(error).toMatchObject({
        kind: 'UNKNOWN_OUTCOME',
        context: { clientOrderId, side: 'buy', symbol: 'BTC/USD' },
      });
      expect(venueView(clientOrderId)).toMatchObject({ creates: 1, orders: 1 });
    },
  );

  it.for(placedThenLost)(
    'when the venue placed the order but $name then createOrderSafely finds it by client order id and sends nothing more',
    async ({ fault }) => {
      const clientOrderId = deriveClientOrderIdForTest('resolved');
      server.faults.inject('createOrder', fault);

      const result = await createOrderSafely(exchange, restingBuy(clientOrderId), fastLookups);

      expect(result).toMatchObject({
        resolvedBy: 'lookup',
        sends: 1,
        order: { clientOrderId, status: 'OPEN' },
      });
      expect(venueView(clientOrderId)).toMatchObject({ creates: 1, orders: 1 });
    },
  );

  it('when a create is answered 429 then the lookup finds nothing and the one re-send carries the same client order id', async () => {
    const clientOrderId = deriveClientOrderIdForTest('rate-limited');
    server.faults.inject('createOrder', { kind: 'rateLimit' });

    const result = await createOrderSafely(exchange, restingBuy(clientOrderId), fastLookups);

    expect(result).toMatchObject({ resolvedBy: 'answer', sends: 2, lookups: 1 });
    expect(venueView(clientOrderId)).toEqual({ creates: 2, orders: 1, faults: ['rateLimit', undefined] });
  });

  it('when a 503 page arrives before the venue processed the create then one re-send with the same id places it once', async () => {
    const clientOrderId = deriveClientOrderIdForTest('not-processed');
    server.faults.inject('createOrder', { kind: 'html', status: 503, afterProcessing: false });

    const result = await createOrderSafely(exchange, restingBuy(clientOrderId), fastLookups);

    expect(result.sends).toBe(2);
    expect(venueView(clientOrderId)).toMatchObject({ creates: 2, orders: 1 });
  });

  it('when the outcome stays unknown and the caller sends again later then the venue de-duplicates on the client order id', async () => {
    const clientOrderId = deriveClientOrderIdForTest('late');
    // The answer comes too late and every lookup is answered 429: the outcome stays unknown.
    server.faults.inject('createOrder', { kind: 'slow', delayMs: 1_200, afterProcessing: true });
    server.faults.inject('fetchOrder', { kind: 'rateLimit' }, 30);

    const first = await createOrderSafely(exchange, restingBuy(clientOrderId), {
      ...fastLookups,
      maxLookups: 1,
    }).catch((error: unknown) => error);
    server.faults.clear();
    const again = await exchange.createOrder(restingBuy(clientOrderId));

    expect(first).toMatchObject({ kind: 'UNKNOWN_OUTCOME' });
    expect(again.clientOrderId).toBe(clientOrderId);
    expect(venueView(clientOrderId)).toMatchObject({ creates: 2, orders: 1 });
  });

  it('when the client order id was used before then the first order comes back, and the differences say how it differs', async () => {
    const clientOrderId = deriveClientOrderIdForTest('reused');
    await exchange.createOrder(restingBuy(clientOrderId));

    const result = await createOrderSafely(
      exchange,
      { ...restingBuy(clientOrderId), price: dec('58999') },
      fastLookups,
    );

    expect(result.differences).toEqual(['price 59000 instead of 58999']);
    expect(venueView(clientOrderId)).toMatchObject({ creates: 2, orders: 1 });
  });

  it('when the venue refuses the order (200 success:false) then nothing is retried or looked up', async () => {
    const clientOrderId = deriveClientOrderIdForTest('refused');
    const tooBig = { ...restingBuy(clientOrderId), amount: dec('100') };

    const error = await createOrderSafely(exchange, tooBig, fastLookups).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: 'INSUFFICIENT_FUNDS', context: { clientOrderId } });
    expect((error as { context: { venueCode: string } }).context.venueCode).toMatch(/INSUFFICIENT_FUND$/);
    expect(venueView(clientOrderId)).toMatchObject({ creates: 1, orders: 0 });
    expect(server.requests.filter((request) => request.operation === 'fetchOrder')).toHaveLength(0);
  });
});
