import { readOpenPositions, storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, useTradingHarness, withOverrides } from '../support/trading-harness.js';

describe('entry timeout', () => {
  const harness = useTradingHarness();

  it('when an entry has not filled by its timeout then it is canceled and leaves no position', async () => {
    // 50 bps under the ask: the order rests and the market never comes down to it.
    const { post, database, venue } = await harness({ settings: { offsetBps: 50, timeoutMs: 500 } });

    await post(buyAlertBody('timeout-unfilled'));

    const row = await eventually(async () => {
      const found = await database.prisma.tradeRecord.findFirst();
      return found?.status === 'CANCELED' ? found : undefined;
    });
    expect(row.statusReason).toBe('entry timeout');
    expect(await database.prisma.fill.count()).toBe(0);
    expect(await readOpenPositions(storeOf(database.prisma), { account: 'default' })).toEqual([]);
    expect(await venue.exchange.fetchOpenOrders()).toEqual([]);
    // The reserved quote is released.
    const balances = await venue.exchange.fetchBalances();
    expect(balances.USD?.available.toString()).toBe(balances.USD?.total.toString());
  });

  it('when an entry is partly filled at its timeout then the rest is canceled and the filled part is the position', async () => {
    const { post, database, venue } = await harness({ settings: { timeoutMs: 800 } });
    // Only 0.001 BTC a level: the 0.00166666 BTC buy at the ask fills 0.001 and rests for the rest.
    venue.quote('60000', '60000.01', '0.001');

    await post(buyAlertBody('timeout-partial'));

    const row = await eventually(async () => {
      const found = await database.prisma.tradeRecord.findFirst({ include: { fills: true } });
      // The partial fill's transaction (fill + aggregates) may commit after the cancel is seen.
      return found?.status === 'CANCELED' && found.fills.length === 1 && found.filledSize.greaterThan(0)
        ? found
        : undefined;
    });
    expect(row.filledSize.toString()).toBe('0.001');
    expect(row.fills).toHaveLength(1);
    const positions = await readOpenPositions(storeOf(database.prisma), { account: 'default' });
    expect(positions.map((position) => position.amount.toString())).toEqual(['0.001']);
    expect(await venue.exchange.fetchOpenOrders()).toEqual([]);
  });

  it('when the exchange acknowledges an entry late then its timeout starts at the acknowledgement, not at the intent', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let createCalled = false;
    // 50 bps under the ask: the order rests, so it has a timeout to schedule.
    const { post, database, pipeline, system } = await harness({
      settings: { offsetBps: 50 },
      wrapExchange: (exchange) =>
        withOverrides(exchange, {
          createOrder: async (request) => {
            createCalled = true;
            await held; // the send is on its way (a slow venue, a stalled worker)
            return await exchange.createOrder(request);
          },
        }),
    });
    await post(buyAlertBody('late-ack'));
    await eventually(async () => createCalled);
    const row = await database.prisma.tradeRecord.findFirstOrThrow();
    expect(row.status).toBe('SUBMITTED');
    expect(await pipeline.queues.presenceOf('order.timeout', { clientOrderId: row.clientOrderId })).toBe(
      'missing',
    );

    const acknowledgedAfter = Date.now();
    release();

    const timeout = await eventually(
      async () =>
        (await pipeline.queues.queue('order.timeout').getJob(`timeout-${row.clientOrderId}`)) ?? undefined,
    );
    expect(timeout.timestamp).toBeGreaterThanOrEqual(acknowledgedAfter);
    expect(timeout.delay).toBe(system.settings.entry.timeoutMs);
  });
});
