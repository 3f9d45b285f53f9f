import { type Decimal, dec } from '@hookline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../../test/support/venues/coinbase-server/coinbase-server.js';
import type { CcxtExchange, UserStreamEvent } from '../../src/index.js';
import type { FillEvent } from '../../src/port/stream-events.js';
import { coinbaseAdapterFor } from '../ccxt/ccxt-harness.js';

let server: CoinbaseTestServer;
let exchange: CcxtExchange;
let events: UserStreamEvent[];

const price = dec('59000');
const unit = dec('0.001');

beforeEach(async () => {
  server = await startCoinbaseServer();
  exchange = coinbaseAdapterFor(server);
  await exchange.fetchMarkets();
  events = [];
  exchange.subscribeUserEvents((event) => events.push(event));
  await exchange.whenStreamsSettled();
});

afterEach(async () => {
  await exchange.close();
  await server.close();
});

/** Lets everything the server sent reach the adapter, and any backfill it started finish. */
async function settle(): Promise<void> {
  await server.feeds.flush();
  await exchange.whenStreamsSettled();
}

/** A quote whose ask meets the resting buy with `size` offered: one maker fill of that size. */
async function crossWith(size: Decimal): Promise<void> {
  server.venue.setQuote('BTC/USD', { bid: price.minus('0.01'), ask: price, bidSize: size, askSize: size });
  await settle();
}

const fillsOf = (orderId: string) =>
  events.filter((event): event is FillEvent => event.type === 'fill' && event.fill.orderId === orderId);

describe('Coinbase user channel: sequence gaps', () => {
  it('when the update of a fill is lost then the gap triggers a REST backfill that reports that fill exactly once', async () => {
    const order = await exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'gap-1',
      symbol: 'BTC-USD',
      side: 'buy',
      amount: unit.times(3),
      price,
      postOnly: true,
    });
    await crossWith(unit);

    server.feeds.dropUserMessages(1);
    await crossWith(unit);
    server.feeds.sendHeartbeats();
    await settle();
    await crossWith(unit);
    server.feeds.dropUserMessages(0);
    server.feeds.sendHeartbeats();
    await settle();

    const fills = fillsOf(order.id);
    const restFills = server.venue.fills.filter((fill) => fill.orderId === order.id);
    expect(events.filter((event) => event.type === 'gap')).toHaveLength(1);
    expect(fills.map((event) => event.fill.cumulativeFilledAmount.toString())).toEqual([
      '0.001',
      '0.002',
      '0.003',
    ]);
    expect(fills.map((event) => event.fill.tradeId)).toEqual([undefined, restFills[1]?.tradeId, undefined]);
    for (const event of fills)
      expect(event.fill.amount.equals(unit) && event.fill.price.equals(price)).toBe(true);
    expect(exchange.userStreamCounters()).toMatchObject({ gaps: 1, backfilledFills: 1 });
  });

  it('when an order is placed and filled entirely inside the lost messages then the backfill reports its fill once', async () => {
    server.feeds.dropUserMessages(1);
    const order = await exchange.createOrder({
      type: 'LIMIT',
      timeInForce: 'IOC',
      clientOrderId: 'gap-2',
      symbol: 'BTC-USD',
      side: 'buy',
      amount: unit,
      price: dec('60000.01'),
    });
    server.feeds.sendHeartbeats();
    await settle();
    server.feeds.sendHeartbeats();
    await settle();

    const fills = fillsOf(order.id);
    expect(fills).toHaveLength(1);
    expect(fills[0]?.fill).toMatchObject({ tradeId: server.venue.fills[0]?.tradeId, liquidity: 'TAKER' });
    expect(fills[0]?.fill.amount.equals(unit)).toBe(true);
  });

  it('when the connection drops and the venue replays the order on reconnect then no fill is reported twice', async () => {
    const order = await exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'replay',
      symbol: 'BTC-USD',
      side: 'buy',
      amount: unit.times(2),
      price,
      postOnly: true,
    });
    await crossWith(unit);
    const connections = exchange.userStreamCounters()?.connections ?? 0;

    server.feeds.closeAll('user');
    while ((exchange.userStreamCounters()?.connections ?? 0) === connections)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await settle();
    await crossWith(unit);

    expect(events.map((event) => event.type)).toContain('disconnected');
    expect(fillsOf(order.id).map((event) => event.fill.cumulativeFilledAmount.toString())).toEqual([
      '0.001',
      '0.002',
    ]);
  });
});
