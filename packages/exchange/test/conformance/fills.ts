import type { Decimal } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import {
  isValidDate,
  newClientOrderId,
  readAllFills,
  recordUserEvents,
  type SuiteContext,
  total,
} from './suite-support.js';

/** A resting buy filled in two parts by two crossing quotes: streams, REST fills and balances agree. */
export function describeFills(suite: SuiteContext): void {
  describe('fills', () => {
    async function fillInTwoParts() {
      const harness = suite.harness();
      const { market, unit, restingBuyPrice: price } = suite.fixture();
      const amount = unit.times(2);
      const recorder = recordUserEvents(harness.exchange);
      const baseBefore = (await harness.exchange.fetchBalances())[market.base]?.total;
      const order = await harness.exchange.createOrder({
        type: 'LIMIT',
        clientOrderId: newClientOrderId('partial'),
        symbol: market.symbol,
        side: 'buy',
        amount,
        price,
        postOnly: true,
      });
      const crossing = (askSize: Decimal) => ({
        bid: price.minus(market.priceTick),
        ask: price,
        bidSize: askSize,
        askSize,
      });

      await harness.venue.setQuote(market.symbol, crossing(unit));
      await harness.venue.settle();
      const afterFirst = await harness.exchange.fetchOrder({ orderId: order.id });
      await harness.venue.setQuote(market.symbol, crossing(amount));
      await harness.venue.settle();
      const afterSecond = await harness.exchange.fetchOrder({ orderId: order.id });
      recorder.stop();
      return { harness, market, order, amount, afterFirst, afterSecond, events: recorder.events, baseBefore };
    }

    it('when a resting buy is crossed by less than its size then it is PARTIALLY_FILLED, and FILLED when crossed again', async () => {
      const { afterFirst, afterSecond, amount } = await fillInTwoParts();

      expect(afterFirst.status).toBe('PARTIALLY_FILLED');
      expect(afterFirst.filledAmount.greaterThan(0) && afterFirst.filledAmount.lessThan(amount)).toBe(true);
      expect(afterSecond.status).toBe('FILLED');
      expect(afterSecond.filledAmount.equals(amount)).toBe(true);
    });

    it('when the order fills in two parts then the user stream reports each fill once, cumulatively, with both times', async () => {
      const { order, amount, events } = await fillInTwoParts();

      const fills = events.flatMap((event) =>
        event.type === 'fill' && event.fill.orderId === order.id ? [event] : [],
      );
      const keys = fills.map((event) => event.fill.cumulativeFilledAmount.toString());
      expect(new Set(keys).size).toBe(fills.length);
      expect(total(fills.map((event) => event.fill.amount)).equals(amount)).toBe(true);
      expect(fills.at(-1)?.fill.cumulativeFilledAmount.equals(amount)).toBe(true);
      const tradeIds = fills.flatMap((event) =>
        event.fill.tradeId === undefined ? [] : [event.fill.tradeId],
      );
      expect(new Set(tradeIds).size).toBe(tradeIds.length);
      for (const event of fills)
        expect(isValidDate(event.exchangeTime) && isValidDate(event.receivedAt)).toBe(true);
    });

    it('when the order fills then every order update carries exchange time and receive time and the last says FILLED', async () => {
      const { order, events } = await fillInTwoParts();

      const updates = events.flatMap((event) =>
        event.type === 'order' && event.order.id === order.id ? [event] : [],
      );
      expect(updates.length).toBeGreaterThan(0);
      for (const update of updates)
        expect(isValidDate(update.exchangeTime) && isValidDate(update.receivedAt)).toBe(true);
      expect(updates.at(-1)?.order.status).toBe('FILLED');
      expect(updates.at(-1)?.order.filledAmount.equals(order.amount)).toBe(true);
    });

    it('when fills are read page by page then each fill comes exactly once, with unique trade ids, adding up to the order', async () => {
      const { harness, order, amount } = await fillInTwoParts();

      const { fills, cursor } = await readAllFills(harness.exchange);
      const again = await harness.exchange.fetchFillsSince({ cursor });

      const ours = fills.filter((fill) => fill.orderId === order.id);
      expect(ours.length).toBeGreaterThanOrEqual(2);
      expect(new Set(fills.map((fill) => fill.tradeId)).size).toBe(fills.length);
      expect(total(ours.map((fill) => fill.amount)).equals(amount)).toBe(true);
      for (const fill of ours) {
        expect(fill).toMatchObject({ side: 'buy', symbol: order.symbol, liquidity: 'MAKER' });
        expect(fill.price.lessThanOrEqualTo(order.price ?? 0)).toBe(true);
        expect(fill.fee.greaterThanOrEqualTo(0)).toBe(true);
        expect(isValidDate(fill.executedAt)).toBe(true);
      }
      expect(again.fills).toEqual([]);
      expect(again.nextCursor).toBe(cursor);
    });

    it('when the order has filled then the base balance has grown by its amount', async () => {
      const { harness, market, amount, baseBefore } = await fillInTwoParts();

      const baseAfter = (await harness.exchange.fetchBalances())[market.base]?.total;

      expect(baseAfter?.minus(baseBefore ?? 0).equals(amount)).toBe(true);
    });
  });
}
