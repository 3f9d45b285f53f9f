import { toPlainString } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import type { Balances, ExchangePort } from '../../src/index.js';
import type { ConformanceCapabilities } from './conformance-harness.js';
import { newClientOrderId, type SuiteContext } from './suite-support.js';

function balanceText(balances: Balances): Record<string, string> {
  return Object.fromEntries(
    Object.values(balances).map((balance) => [
      balance.currency,
      `${toPlainString(balance.total)}/${toPlainString(balance.available)}`,
    ]),
  );
}

async function openOrderText(exchange: ExchangePort): Promise<string[]> {
  return (await exchange.fetchOpenOrders()).map(
    (order) => `${order.id}:${order.clientOrderId}:${order.status}:${toPlainString(order.filledAmount)}`,
  );
}

/** A restart of the adapter keeps the account: balances, open orders, the position and its fills. */
export function describeRestart(suite: SuiteContext, capabilities: ConformanceCapabilities): void {
  describe.runIf(capabilities.restart)('restart', () => {
    async function tradeThenRestart() {
      const harness = suite.harness();
      const { market, unit, restingBuyPrice } = suite.fixture();
      const bought = await harness.exchange.createOrder({
        type: 'MARKET',
        clientOrderId: newClientOrderId('position'),
        symbol: market.symbol,
        side: 'buy',
        amount: unit,
      });
      const resting = await harness.exchange.createOrder({
        type: 'LIMIT',
        clientOrderId: newClientOrderId('resting'),
        symbol: market.symbol,
        side: 'buy',
        amount: unit,
        price: restingBuyPrice,
        postOnly: true,
      });
      const before = {
        balances: balanceText(await harness.exchange.fetchBalances()),
        open: await openOrderText(harness.exchange),
        fills: (await harness.exchange.fetchFillsSince({})).fills.map((fill) => fill.tradeId),
      };
      const exchange = await harness.restart();
      return { harness, exchange, market, unit, bought, resting, restingBuyPrice, before };
    }

    it('when the adapter restarts then balances, including the bought position, are unchanged', async () => {
      const { exchange, market, unit, before } = await tradeThenRestart();

      const balances = await exchange.fetchBalances();

      expect(balanceText(balances)).toEqual(before.balances);
      expect(balances[market.base]?.total.greaterThanOrEqualTo(unit)).toBe(true);
    });

    it('when the adapter restarts then the open orders and the fills so far are still there', async () => {
      const { exchange, resting, bought, before } = await tradeThenRestart();

      expect(await openOrderText(exchange)).toEqual(before.open);
      expect((await exchange.fetchOrder({ clientOrderId: resting.clientOrderId })).id).toBe(resting.id);
      expect((await exchange.fetchOrder({ orderId: bought.id })).status).toBe('FILLED');
      expect((await exchange.fetchFillsSince({})).fills.map((fill) => fill.tradeId)).toEqual(before.fills);
    });

    it('when the adapter restarts then a resting order still fills when the market crosses it', async () => {
      const { harness, exchange, market, resting, restingBuyPrice, unit } = await tradeThenRestart();

      await harness.venue.setQuote(market.symbol, {
        bid: restingBuyPrice.minus(market.priceTick),
        ask: restingBuyPrice,
        bidSize: unit,
        askSize: unit,
      });
      await harness.venue.settle();

      expect((await exchange.fetchOrder({ orderId: resting.id })).status).toBe('FILLED');
    });
  });
}
