// A cancel that meets one of our sends still on its way (a protective stop placed by the sentinel while
// a user's exit cancels our orders on the symbol): a lookup then finds no order, yet the order is about
// to land. The cancel must not call it "never received": it waits for the exchange's answer and
// cancels what was placed, so nothing rests at the exchange holding coins nobody tracks.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, useTradingHarness, withOverrides } from '../support/trading-harness.js';

describe('a cancel racing its order on the way', () => {
  const harness = useTradingHarness();

  it('when an order is canceled while its send is still on the way then it is canceled at the exchange and nothing rests', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let createCalled = false;
    // 50 bps under the ask: once placed, the buy rests.
    const { post, database, pipeline, venue } = await harness({
      settings: { offsetBps: 50 },
      wrapExchange: (exchange) =>
        withOverrides(exchange, {
          createOrder: async (request) => {
            createCalled = true;
            await held; // the request is on the wire: the venue has not seen it yet
            return await exchange.createOrder(request);
          },
        }),
    });
    await post(buyAlertBody('cancel-in-flight'));
    await eventually(async () => createCalled);
    const row = await database.prisma.tradeRecord.findFirstOrThrow();
    expect(row.status).toBe('SUBMITTED');

    const canceled = pipeline.executor.cancel(row.clientOrderId, 'exit USER_EXIT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await canceled;

    const after = await database.prisma.tradeRecord.findFirstOrThrow();
    expect(after.status).toBe('CANCELED');
    expect(after.statusReason).not.toContain('never received');
    expect(await venue.exchange.fetchOpenOrders()).toEqual([]);
    const balances = await venue.exchange.fetchBalances();
    expect(balances.USD?.available.toString()).toBe(balances.USD?.total.toString());
  });
});
