import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { describeEvents, restingBuy, scriptedPaper } from './paper-fixture.js';

describe('PaperExchange trading', () => {
  it('when a maker fill and a taker fill happen then the fees are 0.4 % and 0.6 % of their value, in USD', async () => {
    const { exchange, move } = scriptedPaper();
    const maker = await exchange.createOrder(restingBuy('maker', dec('0.01'), dec('59990')));
    move('59980', '59990');
    const taker = await exchange.createOrder({
      type: 'MARKET',
      clientOrderId: 'taker',
      symbol: 'BTC/USD',
      side: 'sell',
      amount: dec('0.01'),
    });

    const { fills } = await exchange.fetchFillsSince();

    expect(
      fills.map((fill) => [
        fill.orderId,
        fill.liquidity,
        fill.price.toString(),
        fill.fee.toString(),
        fill.feeCurrency,
      ]),
    ).toEqual([
      [maker.id, 'MAKER', '59990', '2.3996', 'USD'],
      [taker.id, 'TAKER', '59980', '3.5988', 'USD'],
    ]);
  });

  it('when a round trip completes then USD is down by exactly the fees and the price difference', async () => {
    const { exchange, move } = scriptedPaper();
    await exchange.createOrder(restingBuy('buy', dec('0.01'), dec('59990')));
    move('59980', '59990');
    await exchange.createOrder({
      type: 'MARKET',
      clientOrderId: 'sell',
      symbol: 'BTC/USD',
      side: 'sell',
      amount: dec('0.01'),
    });

    const balances = await exchange.fetchBalances();

    // 100000 − 599.90 − 2.3996 + 599.80 − 3.5988
    expect(balances.USD?.total.toString()).toBe('99993.9016');
    expect(balances.USD?.available.toString()).toBe('99993.9016');
    expect(balances.BTC?.total.isZero()).toBe(true);
  });

  it('when a market buy is larger than the best level then it walks the book at rising prices', async () => {
    const { exchange } = scriptedPaper();

    const order = await exchange.createOrder({
      type: 'MARKET',
      clientOrderId: 'walk',
      symbol: 'BTC/USD',
      side: 'buy',
      amount: dec('1.5'),
    });
    const { fills } = await exchange.fetchFillsSince();

    expect(fills.map((fill) => `${fill.amount}@${fill.price}`)).toEqual(['1@60000.01', '0.5@60012.02']);
    expect(order.status).toBe('FILLED');
    expect(order.averageFillPrice?.greaterThan('60000.01')).toBe(true);
  });

  it('when a resting order fills in two parts then the stream says OPEN, partial fill, PARTIALLY_FILLED, fill, FILLED', async () => {
    const { exchange, events, move } = scriptedPaper();
    await exchange.createOrder(restingBuy('two-parts', dec('0.3'), dec('59990')));
    move('59980', '59990', '0.1');
    move('59980', '59990', '1');

    expect(describeEvents(events)).toEqual([
      'connected',
      'order OPEN',
      'fill 0.1@59990',
      'order PARTIALLY_FILLED',
      'fill 0.2@59990',
      'order FILLED',
    ]);
  });

  it('when a resting buy is canceled after a partial fill then only the unfilled part is released', async () => {
    const { exchange, move } = scriptedPaper();
    const order = await exchange.createOrder(restingBuy('partial-cancel', dec('0.3'), dec('59990')));
    move('59980', '59990', '0.1');

    const canceled = await exchange.cancelOrder({ orderId: order.id });
    const balances = await exchange.fetchBalances();

    expect(canceled.status).toBe('CANCELED');
    expect(canceled.filledAmount.toString()).toBe('0.1');
    expect(canceled.remainingAmount.isZero()).toBe(true);
    expect(balances.USD?.available.equals(balances.USD.total)).toBe(true);
    expect(balances.BTC?.total.toString()).toBe('0.1');
  });

  it('when a resting sell is placed then the base it sells is reserved', async () => {
    const { exchange } = scriptedPaper();
    await exchange.createOrder({
      type: 'MARKET',
      clientOrderId: 'get-btc',
      symbol: 'BTC/USD',
      side: 'buy',
      amount: dec('0.5'),
    });

    await exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'ask',
      symbol: 'BTC/USD',
      side: 'sell',
      amount: dec('0.2'),
      price: dec('61000'),
    });
    const btc = (await exchange.fetchBalances()).BTC;

    expect([btc?.total.toString(), btc?.available.toString()]).toEqual(['0.5', '0.3']);
  });

  it('when a limit buy crosses on arrival then it takes as taker and rests the remainder as maker', async () => {
    const { exchange, events, move } = scriptedPaper();

    const order = await exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'cross',
      symbol: 'BTC/USD',
      side: 'buy',
      amount: dec('1.5'),
      price: dec('60000.01'),
    });
    move('60000', '60000.01', '1');

    expect(order.status).toBe('PARTIALLY_FILLED');
    expect((await exchange.fetchFillsSince()).fills.map((fill) => fill.liquidity)).toEqual([
      'TAKER',
      'MAKER',
    ]);
    expect(describeEvents(events).at(-1)).toBe('order FILLED');
  });

  it('when the same seed drives two synthetic exchanges then their tickers and states are identical', async () => {
    const { TestClock } = await import('@hookline/core');
    const { PaperExchange } = await import('../../src/index.js');
    const run = async (seed: number) => {
      const clock = new TestClock(Date.UTC(2025, 0, 1));
      const exchange = new PaperExchange({ clock, seed });
      clock.advance(3_600_000);
      exchange.tick();
      const ticker = await exchange.fetchTicker('ETH/USD');
      return `${ticker.bid}/${ticker.ask}|${JSON.stringify(exchange.snapshot())}`;
    };

    expect(await run(3)).toBe(await run(3));
    expect(await run(3)).not.toBe(await run(4));
  });
});
