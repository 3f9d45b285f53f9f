import { describe, expect, it } from 'vitest';
import { expectExchangeError, newClientOrderId, type SuiteContext } from './suite-support.js';

/** Create, look up, cancel, client order id de-duplication and the order types. */
export function describeOrders(suite: SuiteContext): void {
  describe('orders', () => {
    const restingBuy = (clientOrderId: string) => {
      const { market, unit, restingBuyPrice } = suite.fixture();
      return {
        type: 'LIMIT' as const,
        clientOrderId,
        symbol: market.symbol,
        side: 'buy' as const,
        amount: unit,
        price: restingBuyPrice,
        postOnly: true,
      };
    };

    it('when a post-only buy below the bid is placed then it is OPEN and found by id, by client order id and among open orders', async () => {
      const { exchange } = suite.harness();
      const clientOrderId = newClientOrderId('rest');

      const created = await exchange.createOrder(restingBuy(clientOrderId));

      expect(created).toMatchObject({
        clientOrderId,
        side: 'buy',
        type: 'LIMIT',
        postOnly: true,
        status: 'OPEN',
      });
      expect(created.filledAmount.isZero()).toBe(true);
      expect((await exchange.fetchOrder({ orderId: created.id })).clientOrderId).toBe(clientOrderId);
      expect((await exchange.fetchOrder({ clientOrderId })).id).toBe(created.id);
      const open = await exchange.fetchOpenOrders(suite.fixture().market.symbol);
      expect(open.map((order) => order.id)).toContain(created.id);
    });

    it('when an open order is canceled then it is CANCELED, leaves the open orders and a second cancel changes nothing', async () => {
      const { exchange } = suite.harness();
      const created = await exchange.createOrder(restingBuy(newClientOrderId('cancel')));

      const canceled = await exchange.cancelOrder({ orderId: created.id });
      const again = await exchange.cancelOrder({ clientOrderId: created.clientOrderId });

      expect(canceled.status).toBe('CANCELED');
      expect(again.status).toBe('CANCELED');
      expect((await exchange.fetchOpenOrders()).map((order) => order.id)).not.toContain(created.id);
    });

    it('when a resting buy is placed then available quote drops by at least its value, total stays, and a cancel gives it back', async () => {
      const { exchange } = suite.harness();
      const { market, unit, restingBuyPrice } = suite.fixture();
      const before = (await exchange.fetchBalances())[market.quote];

      const created = await exchange.createOrder(restingBuy(newClientOrderId('reserve')));
      const during = (await exchange.fetchBalances())[market.quote];
      await exchange.cancelOrder({ orderId: created.id });
      const after = (await exchange.fetchBalances())[market.quote];

      expect(
        before?.available.minus(during?.available ?? 0).greaterThanOrEqualTo(unit.times(restingBuyPrice)),
      ).toBe(true);
      expect(during?.total.equals(before?.total ?? -1)).toBe(true);
      expect(after?.available.equals(before?.available ?? -1)).toBe(true);
    });

    it('when the same client order id is sent again, even with another price, then the first order comes back and no second one exists', async () => {
      const { exchange } = suite.harness();
      const { market } = suite.fixture();
      const clientOrderId = newClientOrderId('dupe');
      const first = await exchange.createOrder(restingBuy(clientOrderId));

      const second = await exchange.createOrder({
        ...restingBuy(clientOrderId),
        price: first.price?.minus(market.priceTick) ?? market.priceTick,
      });

      expect(second.id).toBe(first.id);
      expect(second.price?.equals(first.price ?? -1)).toBe(true);
      const open = await exchange.fetchOpenOrders(market.symbol);
      expect(open.filter((order) => order.clientOrderId === clientOrderId)).toHaveLength(1);
    });

    it('when a market buy is placed then it fills at once at the ask or worse and pays a fee', async () => {
      const { exchange } = suite.harness();
      const { market, unit, ticker } = suite.fixture();

      const order = await exchange.createOrder({
        type: 'MARKET',
        clientOrderId: newClientOrderId('market'),
        symbol: market.symbol,
        side: 'buy',
        amount: unit,
      });
      const settled = await exchange.fetchOrder({ orderId: order.id });

      expect(settled.status).toBe('FILLED');
      expect(settled.filledAmount.equals(unit)).toBe(true);
      expect(settled.averageFillPrice?.greaterThanOrEqualTo(ticker.ask)).toBe(true);
      expect(settled.fee.greaterThan(0)).toBe(true);
    });

    it('when an IOC buy meets less size than it asks for then what is there fills and the rest expires', async () => {
      const harness = suite.harness();
      const { market, unit, ticker } = suite.fixture();
      await harness.venue.setQuote(market.symbol, {
        bid: ticker.bid,
        ask: ticker.ask,
        bidSize: ticker.bidSize,
        askSize: unit,
      });

      const order = await harness.exchange.createOrder({
        type: 'LIMIT',
        timeInForce: 'IOC',
        clientOrderId: newClientOrderId('ioc'),
        symbol: market.symbol,
        side: 'buy',
        amount: unit.times(3),
        price: ticker.ask,
      });
      const settled = await harness.exchange.fetchOrder({ orderId: order.id });

      expect(settled.status).toBe('EXPIRED');
      expect(settled.filledAmount.equals(unit)).toBe(true);
      expect((await harness.exchange.fetchOpenOrders()).map((open) => open.id)).not.toContain(order.id);
    });

    it('when an unknown order is looked up or canceled then NOT_FOUND is thrown', async () => {
      const { exchange } = suite.harness();

      await expectExchangeError(exchange.fetchOrder({ orderId: 'no-such-order' }), 'NOT_FOUND');
      await expectExchangeError(
        exchange.fetchOrder({ clientOrderId: newClientOrderId('unknown') }),
        'NOT_FOUND',
      );
      await expectExchangeError(exchange.cancelOrder({ orderId: 'no-such-order' }), 'NOT_FOUND');
    });
  });
}
