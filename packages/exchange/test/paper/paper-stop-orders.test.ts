import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import {
  isExchangeError,
  MemoryPaperStateStore,
  PaperExchange,
  type StopLimitOrderRequest,
} from '../../src/index.js';
import { describeEvents, scriptedPaper } from './paper-fixture.js';

/** A protective stop-limit sell of BTC (the account first buys 1 BTC at the ask). */
function stopSell(clientOrderId: string, stop: string, limit: string, amount = '0.5'): StopLimitOrderRequest {
  return {
    type: 'STOP_LIMIT',
    clientOrderId,
    symbol: 'BTC/USD',
    side: 'sell',
    amount: dec(amount),
    price: dec(limit),
    stopPrice: dec(stop),
  };
}

async function withBitcoin(options: Parameters<typeof scriptedPaper>[0] = {}) {
  const paper = scriptedPaper(options);
  await paper.exchange.createOrder({
    type: 'MARKET',
    clientOrderId: 'entry',
    symbol: 'BTC/USD',
    side: 'buy',
    amount: dec('1'),
  });
  return paper;
}

describe('PaperExchange stop-limit sells', () => {
  // Quotes after the stop rests (bid, ask, size per level); the stop is 0.5 BTC, stop 57000, limit 56900.
  const triggers: ReadonlyArray<{
    readonly name: string;
    readonly quotes: ReadonlyArray<readonly [string, string, string]>;
    readonly status: string;
    readonly fills: readonly string[];
  }> = [
    {
      name: 'the bid stays above the stop price',
      quotes: [['57000.01', '57000.02', '1']],
      status: 'OPEN',
      fills: [],
    },
    {
      name: 'the bid touches the stop price',
      quotes: [['57000', '57000.01', '1']],
      status: 'FILLED',
      fills: ['0.5@57000 TAKER'],
    },
    {
      name: 'the bid falls through the stop with too little size down to the limit',
      quotes: [
        ['56950', '56950.01', '0.05'],
        ['56940', '56940.01', '1'],
      ],
      // The bid levels 2 bps apart down to the limit, then the rest rests at the limit as a maker.
      status: 'FILLED',
      fills: [
        '0.05@56950 TAKER',
        '0.05@56938.61 TAKER',
        '0.05@56927.22 TAKER',
        '0.05@56915.83 TAKER',
        '0.05@56904.44 TAKER',
        '0.25@56900 MAKER',
      ],
    },
    {
      name: 'the bid gaps below the limit',
      quotes: [['56800', '56800.01', '1']],
      status: 'OPEN',
      fills: [],
    },
    {
      name: 'the bid gaps below the limit and comes back above it',
      quotes: [
        ['56800', '56800.01', '1'],
        ['56905', '56905.01', '1'],
      ],
      status: 'FILLED',
      fills: ['0.5@56900 MAKER'],
    },
  ];

  for (const { name, quotes, status, fills } of triggers) {
    it(`when ${name} then the stop is ${status} with fills [${fills.join(', ')}]`, async () => {
      const { exchange, move } = await withBitcoin();
      const stop = await exchange.createOrder(stopSell('stop', '57000', '56900'));
      for (const [bid, ask, size] of quotes) move(bid, ask, size);

      const order = await exchange.fetchOrder({ orderId: stop.id });
      const page = await exchange.fetchFillsSince();
      const stopFills = page.fills.filter((fill) => fill.orderId === stop.id);

      expect(order.status).toBe(status);
      expect(order.type).toBe('STOP_LIMIT');
      expect(order.stopPrice?.toString()).toBe('57000');
      expect(stopFills.map((fill) => `${fill.amount}@${fill.price} ${fill.liquidity}`)).toEqual(fills);
    });
  }

  it('when a stop rests then its amount is reserved: a market sell of more than the rest is refused', async () => {
    const { exchange } = await withBitcoin();
    await exchange.createOrder(stopSell('stop', '57000', '56900', '0.8'));

    const btc = (await exchange.fetchBalances()).BTC;
    const oversell = exchange.createOrder({
      type: 'MARKET',
      clientOrderId: 'oversell',
      symbol: 'BTC/USD',
      side: 'sell',
      amount: dec('0.3'),
    });

    expect([btc?.total.toString(), btc?.available.toString()]).toEqual(['1', '0.2']);
    await expect(oversell).rejects.toSatisfy((error) => isExchangeError(error, 'INSUFFICIENT_FUNDS'));
  });

  it('when a waiting stop is canceled then its amount is available again and nothing fills later', async () => {
    const { exchange, move } = await withBitcoin();
    const stop = await exchange.createOrder(stopSell('stop', '57000', '56900', '0.8'));

    const canceled = await exchange.cancelOrder({ orderId: stop.id });
    move('56000', '56000.01');

    expect(canceled.status).toBe('CANCELED');
    expect((await exchange.fetchBalances()).BTC?.available.toString()).toBe('1');
    expect((await exchange.fetchOpenOrders()).length).toBe(0);
  });

  const refusals: ReadonlyArray<{
    readonly name: string;
    readonly request: StopLimitOrderRequest;
    readonly message: RegExp;
  }> = [
    {
      name: 'its stop price is at the bid',
      request: stopSell('at-bid', '60000', '59900'),
      message: /stop price is at or above the best bid 60000/,
    },
    {
      name: 'its limit is above its stop price',
      request: stopSell('limit-above', '57000', '57100'),
      message: /limit price of a stop-limit sell is above its stop price/,
    },
    {
      name: 'its stop price is off the tick',
      request: stopSell('off-tick', '57000.005', '56900'),
      message: /stop price is not a multiple of the price tick/,
    },
    {
      name: 'it is a buy',
      request: { ...stopSell('buy', '57000', '56900'), side: 'buy' as 'sell' },
      message: /must be a sell/,
    },
  ];

  for (const { name, request, message } of refusals) {
    it(`when a stop is placed and ${name} then it is refused as INVALID_ORDER`, async () => {
      const { exchange } = await withBitcoin();

      const placed = exchange.createOrder(request);

      await expect(placed).rejects.toSatisfy((error) => isExchangeError(error, 'INVALID_ORDER'));
      await expect(placed).rejects.toThrow(message);
    });
  }

  it('when a stop triggers then the stream reports its fill and FILLED like any order', async () => {
    const { exchange, events, move } = await withBitcoin();
    await exchange.createOrder(stopSell('stop', '57000', '56900'));
    events.length = 0;

    move('56990', '56990.01');

    expect(describeEvents(events)).toEqual(['fill 0.5@56990', 'order FILLED']);
  });

  it('when the paper exchange restarts with a waiting stop then the stop still rests and triggers after the restart', async () => {
    const store = new MemoryPaperStateStore();
    const first = await withBitcoin({ store });
    const stop = await first.exchange.createOrder(stopSell('stop', '57000', '56900'));
    await first.exchange.close();

    const second = new PaperExchange({
      clock: first.clock,
      priceSource: first.source,
      store,
    });
    const afterRestart = (await second.fetchOpenOrders()).map((order) => [
      order.id,
      order.type,
      String(order.stopPrice),
    ]);
    first.clock.advance(1_000);
    first.source.push({
      symbol: 'BTC/USD',
      timeMs: first.clock.nowMs(),
      bid: dec('56990'),
      ask: dec('56990.01'),
      bidSize: dec('1'),
      askSize: dec('1'),
      volume: dec('0'),
    });
    second.tick();

    expect(afterRestart).toEqual([[stop.id, 'STOP_LIMIT', '57000']]);
    expect((await second.fetchOrder({ orderId: stop.id })).status).toBe('FILLED');
    expect((await second.fetchBalances()).BTC?.total.toString()).toBe('0.5');
  });
});
