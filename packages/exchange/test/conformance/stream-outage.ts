import { describe, expect, it } from 'vitest';
import type { ConformanceCapabilities } from './conformance-harness.js';
import {
  newClientOrderId,
  readAllFills,
  recordUserEvents,
  type SuiteContext,
  total,
} from './suite-support.js';

/** A fill missed by the private stream is announced by the reconnect and recovered once over REST. */
export function describeStreamOutage(suite: SuiteContext, capabilities: ConformanceCapabilities): void {
  describe.runIf(capabilities.streamFaults)('stream outage', () => {
    it('when the user stream is down while an order fills then the reconnect says `connected` and fills since the last cursor recover it exactly once', async () => {
      const harness = suite.harness();
      const { market, unit, restingBuyPrice: price } = suite.fixture();
      const recorder = recordUserEvents(harness.exchange);
      const order = await harness.exchange.createOrder({
        type: 'LIMIT',
        clientOrderId: newClientOrderId('outage'),
        symbol: market.symbol,
        side: 'buy',
        amount: unit,
        price,
        postOnly: true,
      });
      await harness.venue.settle();
      const { cursor } = await readAllFills(harness.exchange);

      harness.faults.disconnectUserStream();
      await harness.venue.setQuote(market.symbol, {
        bid: price.minus(market.priceTick),
        ask: price,
        bidSize: unit,
        askSize: unit,
      });
      await harness.venue.settle();
      await harness.faults.reconnectUserStream();
      await harness.venue.settle();
      recorder.stop();
      const recovered = await harness.exchange.fetchFillsSince({ cursor });
      const after = await harness.exchange.fetchFillsSince({ cursor: recovered.nextCursor });

      const types = recorder.events.map((event) => event.type);
      expect(types).toContain('disconnected');
      expect(types.lastIndexOf('connected')).toBeGreaterThan(types.indexOf('disconnected'));
      expect(recorder.events.some((event) => event.type === 'fill' && event.fill.orderId === order.id)).toBe(
        false,
      );
      const ours = recovered.fills.filter((fill) => fill.orderId === order.id);
      expect(total(ours.map((fill) => fill.amount)).equals(unit)).toBe(true);
      expect(new Set(ours.map((fill) => fill.tradeId)).size).toBe(ours.length);
      expect(after.fills.filter((fill) => fill.orderId === order.id)).toEqual([]);
    });
  });
}
