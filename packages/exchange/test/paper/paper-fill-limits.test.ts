import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { type CreateOrderRequest, MemoryPaperStateStore } from '../../src/index.js';
import type { PaperExchangeOptions } from '../../src/paper/paper-options.js';
import { scriptedPaper } from './paper-fixture.js';

// A quote after the first: bid, ask, level size, market volume since the previous quote.
type Move = readonly [bid: string, ask: string, size: string, volume: string];

const buyLimit = (amount: string, price: string, postOnly = false): CreateOrderRequest => ({
  type: 'LIMIT',
  clientOrderId: 'order',
  symbol: 'BTC/USD',
  side: 'buy',
  amount: dec(amount),
  price: dec(price),
  postOnly,
});
const buyMarket = (amount: string): CreateOrderRequest => ({
  type: 'MARKET',
  clientOrderId: 'order',
  symbol: 'BTC/USD',
  side: 'buy',
  amount: dec(amount),
});
const capped = (share: string): Partial<PaperExchangeOptions> => ({ book: { maxVolumeShare: dec(share) } });

describe('PaperExchange volume cap', () => {
  it.each([
    {
      name: 'a crossing limit buy of 0.3 under 10 % of volume 1 a quote fills 0.1 now and 0.1 on each of two later quotes',
      options: capped('0.1'),
      firstVolume: '1',
      order: buyLimit('0.3', '60000.01'),
      moves: [
        ['59999.99', '60000', '1', '1'],
        ['59999.99', '60000', '1', '1'],
      ] as Move[],
      fills: ['0.1@60000.01 TAKER', '0.1@60000.01 MAKER', '0.1@60000.01 MAKER'],
      status: 'FILLED',
    },
    {
      name: 'without a cap the same buy fills at once against the levels',
      options: {},
      firstVolume: '1',
      order: buyLimit('0.3', '60000.01'),
      moves: [] as Move[],
      fills: ['0.3@60000.01 TAKER'],
      status: 'FILLED',
    },
    {
      name: 'a market buy of 0.5 under 10 % of volume 2 fills 0.2 and the rest expires',
      options: capped('0.1'),
      firstVolume: '2',
      order: buyMarket('0.5'),
      moves: [] as Move[],
      fills: ['0.2@60000.01 TAKER'],
      status: 'EXPIRED',
    },
    {
      name: 'a share of a volume below the amount step rounds down to the step',
      options: capped('0.3'),
      firstVolume: '0.00000001',
      order: buyLimit('0.3', '60000.01'),
      moves: [['59999.99', '60000', '1', '0.0000001']] as Move[],
      fills: ['0.00000003@60000.01 MAKER'],
      status: 'PARTIALLY_FILLED',
    },
    {
      name: 'quotes without volume fill nothing under a cap and the buy rests',
      options: capped('0.1'),
      firstVolume: '0',
      order: buyLimit('0.3', '60000.01'),
      moves: [['59999.99', '60000', '1', '0']] as Move[],
      fills: [],
      status: 'OPEN',
    },
  ])('when $name', async ({ options, firstVolume, order, moves, fills, status }) => {
    const { exchange, move } = scriptedPaper(options, firstVolume);
    await exchange.createOrder(order);
    for (const [bid, ask, size, volume] of moves) move(bid, ask, size, volume);

    const page = await exchange.fetchFillsSince();
    const after = await exchange.fetchOrder({ clientOrderId: 'order' });

    expect(page.fills.map((fill) => `${fill.amount}@${fill.price} ${fill.liquidity}`)).toEqual(fills);
    expect(after.status).toBe(status);
    expect(after.filledAmount.toString()).toBe(
      page.fills.reduce((total, fill) => total.plus(fill.amount), dec(0)).toString(),
    );
  });

  it('when two orders meet one quote then together they take no more than its share of the volume', async () => {
    const { exchange } = scriptedPaper(capped('0.1'), '1');
    await exchange.createOrder({ ...buyLimit('0.08', '60000.01'), clientOrderId: 'first' });
    await exchange.createOrder({ ...buyLimit('0.08', '60000.01'), clientOrderId: 'second' });

    const { fills } = await exchange.fetchFillsSince();

    expect(fills.map((fill) => [fill.clientOrderId, fill.amount.toString()])).toEqual([
      ['first', '0.08'],
      ['second', '0.02'],
    ]);
  });

  it('when the exchange restarts from its saved state then what the cap left of the quote is kept', async () => {
    const store = new MemoryPaperStateStore();
    const { exchange } = scriptedPaper({ ...capped('0.1'), store }, '1');
    await exchange.createOrder({ ...buyLimit('0.08', '60000.01'), clientOrderId: 'first' });
    await exchange.close();
    const { exchange: restarted } = scriptedPaper({ ...capped('0.1'), store }, '1');

    await restarted.createOrder({ ...buyLimit('0.08', '60000.01'), clientOrderId: 'second' });
    const { fills } = await restarted.fetchFillsSince();

    expect(fills.map((fill) => fill.amount.toString())).toEqual(['0.08', '0.02']);
  });
});

describe('PaperExchange match delay', () => {
  it.each([
    {
      name: 'no delay fills a market buy at the quote it was placed on',
      delayMs: 0,
      placed: 'FILLED',
      fillsAfterMoves: [['0.1@60000.01'], ['0.1@60000.01']],
    },
    {
      name: 'a delay of 500 ms answers SUBMITTED and fills at the next quote (1 s later)',
      delayMs: 500,
      placed: 'SUBMITTED',
      fillsAfterMoves: [['0.1@60100.01'], ['0.1@60100.01']],
    },
    {
      name: 'a delay of 1,500 ms passes the next quote and fills at the one after',
      delayMs: 1_500,
      placed: 'SUBMITTED',
      fillsAfterMoves: [[], ['0.1@60200.01']],
    },
  ])('when $name', async ({ delayMs, placed, fillsAfterMoves }) => {
    const { exchange, move } = scriptedPaper({ matchDelayMs: delayMs });
    const order = await exchange.createOrder(buyMarket('0.1'));
    const seen: string[][] = [];
    for (const [bid, ask] of [
      ['60100', '60100.01'],
      ['60200', '60200.01'],
    ] as const) {
      move(bid, ask);
      seen.push((await exchange.fetchFillsSince()).fills.map((fill) => `${fill.amount}@${fill.price}`));
    }

    expect(order.status).toBe(placed);
    expect(seen).toEqual(fillsAfterMoves);
  });

  it('when a delayed order is canceled before it arrives then it never fills and its money is free again', async () => {
    const { exchange, move } = scriptedPaper({ matchDelayMs: 1_500 });
    await exchange.createOrder(buyLimit('0.1', '60000.01'));
    expect((await exchange.fetchBalances()).USD?.available.lessThan('100000')).toBe(true);

    const canceled = await exchange.cancelOrder({ clientOrderId: 'order' });
    move('59999.99', '60000');
    move('59999.99', '60000');
    const usd = (await exchange.fetchBalances()).USD;

    expect(canceled.status).toBe('CANCELED');
    expect((await exchange.fetchFillsSince()).fills).toEqual([]);
    expect([usd?.total.toString(), usd?.available.toString()]).toEqual(['100000', '100000']);
  });

  it('when a delayed post-only buy would take liquidity on arrival then the venue cancels it', async () => {
    const { exchange, move } = scriptedPaper({ matchDelayMs: 500 });
    await exchange.createOrder(buyLimit('0.1', '59999', true));

    move('59990', '59998');

    expect((await exchange.fetchOrder({ clientOrderId: 'order' })).status).toBe('CANCELED');
    expect((await exchange.fetchFillsSince()).fills).toEqual([]);
  });

  it('when a delayed market buy meets a higher price than the account can pay then it takes what the money pays', async () => {
    const { exchange, move } = scriptedPaper({
      matchDelayMs: 500,
      initialBalances: { USD: dec('60360.01006') },
    });
    await exchange.createOrder(buyMarket('1'));

    move('61000', '61000.01', '2');
    const after = await exchange.fetchOrder({ clientOrderId: 'order' });
    const usd = (await exchange.fetchBalances()).USD;

    // The account held exactly 1 BTC at 60,000.01 plus the taker fee: 60,000.01 / 61,000.01 on the step.
    expect(after.filledAmount.toString()).toBe('0.98360656');
    expect(after.status).toBe('EXPIRED');
    expect(usd?.total.greaterThanOrEqualTo(0)).toBe(true);
    expect(usd?.available.equals(usd.total)).toBe(true);
  });

  it.each([
    { options: capped('0'), message: /maxVolumeShare must be above 0 and at most 1, not 0/ },
    { options: capped('1.5'), message: /maxVolumeShare must be above 0 and at most 1, not 1\.5/ },
    { options: { matchDelayMs: -1 }, message: /matchDelayMs must be a whole number ≥ 0, not -1/ },
    { options: { matchDelayMs: 0.5 }, message: /matchDelayMs must be a whole number ≥ 0, not 0\.5/ },
  ])(
    'when the options are $options then the exchange is refused naming the option',
    ({ options, message }) => {
      expect(() => scriptedPaper(options)).toThrow(message);
    },
  );
});
