import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { isExchangeError } from '../../src/index.js';
import { describeEvents, restingBuy, scriptedPaper } from './paper-fixture.js';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('PaperExchange request faults', () => {
  it('when a latency fault hits a create then the clock-driven wait runs first and the order carries the later time', async () => {
    const waits: number[] = [];
    const paper = scriptedPaper({
      wait: async (milliseconds) => {
        waits.push(milliseconds);
        paper.clock.advance(milliseconds);
      },
    });
    const start = paper.clock.nowMs();
    paper.exchange.faults.inject('createOrder', { type: 'latency', milliseconds: 750 });

    const order = await paper.exchange.createOrder(restingBuy('slow'));

    expect(waits).toEqual([750]);
    expect(order.createdAt.getTime()).toBe(start + 750);
  });

  it('when a create times out before reaching the venue then UNKNOWN_OUTCOME is thrown and no order exists', async () => {
    const { exchange } = scriptedPaper();
    exchange.faults.inject('createOrder', { type: 'timeout', placed: false });

    const error = await caught(exchange.createOrder(restingBuy('lost')));

    expect(isExchangeError(error, 'UNKNOWN_OUTCOME')).toBe(true);
    expect(isExchangeError(await caught(exchange.fetchOrder({ clientOrderId: 'lost' })), 'NOT_FOUND')).toBe(
      true,
    );
  });

  it('when a cancel times out after the venue canceled then UNKNOWN_OUTCOME is thrown and the order is CANCELED', async () => {
    const { exchange } = scriptedPaper();
    const order = await exchange.createOrder(restingBuy('cancel-timeout'));
    exchange.faults.inject('cancelOrder', { type: 'timeout', placed: true });

    const error = await caught(exchange.cancelOrder({ orderId: order.id }));

    expect(isExchangeError(error, 'UNKNOWN_OUTCOME')).toBe(true);
    expect((await exchange.fetchOrder({ orderId: order.id })).status).toBe('CANCELED');
  });

  it('when a reject fault is injected then that kind is thrown with the request context and nothing happens', async () => {
    const { exchange } = scriptedPaper();
    exchange.faults.inject('createOrder', { type: 'reject', kind: 'AUTH', message: 'invalid API key' });

    const error = await caught(exchange.createOrder(restingBuy('auth')));

    expect(isExchangeError(error, 'AUTH') && error.context).toMatchObject({
      clientOrderId: 'auth',
      side: 'buy',
      symbol: 'BTC/USD',
    });
    expect(await exchange.fetchOpenOrders()).toEqual([]);
  });

  it('when a fault is injected for two requests of any operation then exactly the next two fail', async () => {
    const { exchange } = scriptedPaper();
    exchange.faults.inject('*', { type: 'rateLimit' }, 2);

    const outcomes = [
      await caught(exchange.fetchBalances()),
      await caught(exchange.fetchTicker('BTC/USD')),
      await caught(exchange.fetchOpenOrders()),
    ];

    expect(outcomes.map((outcome) => (isExchangeError(outcome) ? outcome.kind : 'ok'))).toEqual([
      'RATE_LIMITED',
      'RATE_LIMITED',
      'ok',
    ]);
  });

  it('when the exchange is closed then every request is FATAL', async () => {
    const { exchange } = scriptedPaper();
    await exchange.close();

    expect(isExchangeError(await caught(exchange.fetchBalances()), 'FATAL')).toBe(true);
    expect(() => exchange.subscribeUserEvents(() => {})).toThrow(/closed/);
  });
});

describe('PaperExchange stream faults', () => {
  it('when the user stream is down while an order fills then the fill is missed, `connected` follows, and REST backfills it', async () => {
    const { exchange, events, move } = scriptedPaper();
    const order = await exchange.createOrder(restingBuy('missed', dec('0.01'), dec('59990')));
    exchange.faults.disconnectStream('user', 5_000);

    move('59980', '59990');
    move('59980', '59990');
    move('59980', '59990');
    move('59980', '59990');
    move('59980', '59990');

    expect(describeEvents(events)).toEqual(['connected', 'order OPEN', 'disconnected', 'connected']);
    const { fills } = await exchange.fetchFillsSince();
    expect(fills.map((fill) => fill.orderId)).toEqual([order.id]);
  });

  it('when messages are dropped with an announcement then they vanish and a gap event tells the consumer to backfill', async () => {
    const { exchange, events, move } = scriptedPaper();
    await exchange.createOrder(restingBuy('dropped', dec('0.01'), dec('59990')));
    exchange.faults.dropStreamMessages(2);

    move('59980', '59990');

    expect(describeEvents(events)).toEqual(['connected', 'order OPEN', 'gap']);
    expect((await exchange.fetchFillsSince()).fills).toHaveLength(1);
  });

  it('when messages are dropped silently then nothing tells the consumer: only reconciliation finds the fill', async () => {
    const { exchange, events, move } = scriptedPaper();
    await exchange.createOrder(restingBuy('silent', dec('0.01'), dec('59990')));
    exchange.faults.dropStreamMessages(1, { announced: false });

    move('59980', '59990');

    expect(describeEvents(events)).toEqual(['connected', 'order OPEN', 'order FILLED']);
  });

  it('when the ticker stream is dropped then user events still flow', async () => {
    const { exchange, events, move } = scriptedPaper();
    const tickers: string[] = [];
    exchange.subscribeTickers(['btc-usd'], (event) =>
      tickers.push(event.type === 'ticker' ? `${event.ticker.bid}` : event.type),
    );
    exchange.faults.disconnectStream('ticker', 60_000);

    move('59000', '59000.01');
    await exchange.createOrder({
      type: 'MARKET',
      clientOrderId: 'm',
      symbol: 'BTC/USD',
      side: 'buy',
      amount: dec('0.01'),
    });

    expect(tickers).toEqual(['disconnected']);
    expect(describeEvents(events).slice(-2)).toEqual(['fill 0.01@59000.01', 'order FILLED']);
  });

  it('when a listener throws then the others still receive the event and the error is reported', async () => {
    const reported: unknown[] = [];
    const { exchange, events } = scriptedPaper({ onListenerError: (error) => reported.push(error) });
    exchange.subscribeUserEvents(() => {
      throw new Error('consumer bug');
    });

    await exchange.createOrder(restingBuy('noisy'));

    expect(describeEvents(events)).toEqual(['connected', 'order OPEN']);
    expect(reported.length).toBeGreaterThan(0);
  });

  it('when a listener places an order while events are delivered then every subscriber still sees events in order', async () => {
    const { exchange, move } = scriptedPaper();
    const seen: string[] = [];
    exchange.subscribeUserEvents((event) => {
      if (event.type === 'order') seen.push(`${event.order.clientOrderId}:${event.order.status}`);
      // Reacting to the fill, before the order's own FILLED update has been delivered.
      if (event.type === 'fill' && event.fill.clientOrderId === 'first') {
        void exchange.createOrder(restingBuy('second', dec('0.01'), dec('59000')));
      }
    });
    await exchange.createOrder(restingBuy('first', dec('0.01'), dec('59990')));

    move('59980', '59990');

    expect(seen).toEqual(['first:OPEN', 'first:FILLED', 'second:OPEN']);
  });
});
