import { describe, expect, it } from 'vitest';
import type { CreateOrderRequest } from '../../src/index.js';
import { expectExchangeError, newClientOrderId, type SuiteContext } from './suite-support.js';

/** Unknown outcomes and rate limits: the executor's recovery path must never place a second order. */
export function describeFaultBehaviour(suite: SuiteContext): void {
  describe('faults', () => {
    const restingBuy = (clientOrderId: string): CreateOrderRequest => {
      const { market, unit, restingBuyPrice } = suite.fixture();
      return {
        type: 'LIMIT',
        clientOrderId,
        symbol: market.symbol,
        side: 'buy',
        amount: unit,
        price: restingBuyPrice,
        postOnly: true,
      };
    };

    it('when a create times out after the venue placed it then UNKNOWN_OUTCOME is thrown and the client order id finds exactly one order', async () => {
      const harness = suite.harness();
      const clientOrderId = newClientOrderId('timeout');
      harness.faults.timeoutAfterPlacingNextCreate();

      await expectExchangeError(harness.exchange.createOrder(restingBuy(clientOrderId)), 'UNKNOWN_OUTCOME');

      const found = await harness.exchange.fetchOrder({ clientOrderId });
      expect(found.status).toBe('OPEN');
      const open = await harness.exchange.fetchOpenOrders();
      expect(open.filter((order) => order.clientOrderId === clientOrderId)).toHaveLength(1);
    });

    it('when a timed-out create is retried with the same client order id then the same order returns and no second one exists', async () => {
      const harness = suite.harness();
      const { market } = suite.fixture();
      const clientOrderId = newClientOrderId('retry');
      harness.faults.timeoutAfterPlacingNextCreate();
      await expectExchangeError(harness.exchange.createOrder(restingBuy(clientOrderId)), 'UNKNOWN_OUTCOME');
      const availableAfterTimeout = (await harness.exchange.fetchBalances())[market.quote]?.available;

      const retried = await harness.exchange.createOrder(restingBuy(clientOrderId));

      expect(retried.id).toBe((await harness.exchange.fetchOrder({ clientOrderId })).id);
      const open = await harness.exchange.fetchOpenOrders();
      expect(open.filter((order) => order.clientOrderId === clientOrderId)).toHaveLength(1);
      const availableAfterRetry = (await harness.exchange.fetchBalances())[market.quote]?.available;
      expect(availableAfterRetry?.equals(availableAfterTimeout ?? -1)).toBe(true);
    });

    it('when a create is answered 429 then RATE_LIMITED is thrown, nothing is placed, and a later retry places it', async () => {
      const harness = suite.harness();
      const clientOrderId = newClientOrderId('429');
      harness.faults.rateLimitNext('createOrder');

      const error = await expectExchangeError(
        harness.exchange.createOrder(restingBuy(clientOrderId)),
        'RATE_LIMITED',
      );
      await expectExchangeError(harness.exchange.fetchOrder({ clientOrderId }), 'NOT_FOUND');
      const placed = await harness.exchange.createOrder(restingBuy(clientOrderId));

      expect(error.context).toMatchObject({ clientOrderId });
      expect(placed.status).toBe('OPEN');
    });

    it('when a read is answered 429 then RATE_LIMITED is thrown and the next read succeeds', async () => {
      const harness = suite.harness();
      harness.faults.rateLimitNext('fetchBalances');

      await expectExchangeError(harness.exchange.fetchBalances(), 'RATE_LIMITED');

      expect(await harness.exchange.fetchBalances()).toBeDefined();
    });
  });
}
