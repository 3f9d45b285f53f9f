import { type Decimal, quantizeDown, quantizeToTick } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import type { CreateOrderRequest } from '../../src/index.js';
import {
  ceilToStep,
  expectExchangeError,
  newClientOrderId,
  type SuiteContext,
  type TradingFixture,
} from './suite-support.js';

interface RefusalCase {
  readonly name: string;
  /** The order to send, or undefined when the market's rules make the case impossible. */
  readonly order: (fixture: TradingFixture, clientOrderId: string) => CreateOrderRequest | undefined;
}

const buy = (
  fixture: TradingFixture,
  clientOrderId: string,
  amount: Decimal,
  price: Decimal,
): CreateOrderRequest => ({
  type: 'LIMIT',
  clientOrderId,
  symbol: fixture.market.symbol,
  side: 'buy',
  amount,
  price,
  postOnly: true,
});

// One row per rule a venue enforces; each must be refused with INVALID_ORDER and nothing placed.
const refusals: readonly RefusalCase[] = [
  {
    name: 'a price off the tick',
    order: (f, id) => buy(f, id, f.unit, f.restingBuyPrice.plus(f.market.priceTick.dividedBy(2))),
  },
  {
    name: 'an amount off the step',
    order: (f, id) => buy(f, id, f.unit.plus(f.market.amountStep.dividedBy(2)), f.restingBuyPrice),
  },
  {
    name: 'an amount below the minimum size',
    order: (f, id) => {
      const amount = f.market.minAmount.minus(f.market.amountStep);
      return amount.greaterThan(0) ? buy(f, id, amount, f.restingBuyPrice) : undefined;
    },
  },
  {
    name: 'a value below the minimum notional',
    order: (f, id) => {
      const amount = ceilToStep(f.market.minAmount, f.market.amountStep);
      const price = quantizeToTick(
        f.market.minNotional.dividedBy(amount).dividedBy(2),
        f.market.priceTick,
        'down',
      );
      return price.greaterThan(0) && amount.greaterThan(0) ? buy(f, id, amount, price) : undefined;
    },
  },
  {
    name: 'a post-only buy at the ask (it would take liquidity)',
    order: (f, id) => buy(f, id, f.unit, f.ticker.ask),
  },
];

/** Tick, step, minimums, post-only and funds: refused with the right kind and full context, nothing placed. */
export function describeOrderRules(suite: SuiteContext): void {
  describe('order rules', () => {
    it.for(refusals)(
      'when the order has $name then INVALID_ORDER is thrown and nothing is placed',
      async (row, testContext) => {
        const { exchange } = suite.harness();
        const clientOrderId = newClientOrderId('refused');
        const order = row.order(suite.fixture(), clientOrderId);
        if (order === undefined) return testContext.skip();

        const error = await expectExchangeError(exchange.createOrder(order), 'INVALID_ORDER');

        expect(error.context).toMatchObject({ side: order.side, clientOrderId });
        expect(error.context.symbol).toBeDefined();
        expect(error.context.amount).toBeDefined();
        expect(error.context.price).toBeDefined();
        await expectExchangeError(exchange.fetchOrder({ clientOrderId }), 'NOT_FOUND');
      },
    );

    it('when a buy is worth twice the available quote then INSUFFICIENT_FUNDS is thrown and nothing is placed', async () => {
      const { exchange } = suite.harness();
      const fixture = suite.fixture();
      const available = (await exchange.fetchBalances())[fixture.market.quote]?.available;
      const amount = quantizeDown(
        (available ?? fixture.unit).times(2).dividedBy(fixture.restingBuyPrice),
        fixture.market.amountStep,
      );
      const clientOrderId = newClientOrderId('funds');

      const error = await expectExchangeError(
        exchange.createOrder(buy(fixture, clientOrderId, amount, fixture.restingBuyPrice)),
        'INSUFFICIENT_FUNDS',
      );

      expect(error.context).toMatchObject({ side: 'buy', clientOrderId });
      await expectExchangeError(exchange.fetchOrder({ clientOrderId }), 'NOT_FOUND');
    });

    it('when a sell exceeds the base held then INSUFFICIENT_FUNDS is thrown', async () => {
      const { exchange } = suite.harness();
      const { market, unit, restingSellPrice } = suite.fixture();
      const held = (await exchange.fetchBalances())[market.base]?.available;
      const amount = ceilToStep((held ?? unit.times(0)).plus(unit), market.amountStep);

      await expectExchangeError(
        exchange.createOrder({
          type: 'LIMIT',
          clientOrderId: newClientOrderId('sell'),
          symbol: market.symbol,
          side: 'sell',
          amount,
          price: restingSellPrice,
        }),
        'INSUFFICIENT_FUNDS',
      );
    });
  });
}
