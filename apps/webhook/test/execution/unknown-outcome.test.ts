import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, useTradingHarness } from '../support/trading-harness.js';

describe('order executor: an unknown outcome is not a rejection', () => {
  const harness = useTradingHarness();

  it('when the create times out after the venue placed it then the lookup finds it and no second order is sent', async () => {
    const { post, database, venue } = await harness();
    venue.exchange.faults.inject('createOrder', { type: 'timeout', placed: true });

    await post(buyAlertBody('unknown-placed'));

    const row = await eventually(async () => {
      const found = await database.prisma.tradeRecord.findFirst({ include: { fills: true } });
      return found?.status === 'FILLED' && found.fills.length === 1 ? found : undefined;
    });
    expect(row.orderId).not.toBeNull();
    expect(venue.ordersWith(row.clientOrderId)).toBe(1);
    expect((venue.exchange.snapshot() as unknown as { orders: unknown[] }).orders).toHaveLength(1);
  });

  it('when the create times out before the venue saw it then the same client order id is re-sent once', async () => {
    const { post, database, venue } = await harness();
    venue.exchange.faults.inject('createOrder', { type: 'timeout', placed: false });

    await post(buyAlertBody('unknown-lost'));

    // After the lookup proves it absent the job is retried (backoff 1 s) with the same id.
    const row = await eventually(async () => {
      const found = await database.prisma.tradeRecord.findFirst({ include: { fills: true } });
      return found?.status === 'FILLED' && found.fills.length === 1 ? found : undefined;
    }, 15_000);
    expect(venue.ordersWith(row.clientOrderId)).toBe(1);
    expect((venue.exchange.snapshot() as unknown as { orders: unknown[] }).orders).toHaveLength(1);
  });

  it('when the exchange definitively rejects the order then it is REJECTED with the reason and not retried', async () => {
    const { post, database, venue, pipeline } = await harness();
    venue.exchange.faults.inject('createOrder', { type: 'reject', kind: 'INSUFFICIENT_FUNDS' });

    await post(buyAlertBody('rejected'));

    const row = await eventually(async () => {
      const found = await database.prisma.tradeRecord.findFirst();
      return found?.status === 'REJECTED' ? found : undefined;
    });
    expect(row.statusReason).toContain('INSUFFICIENT_FUNDS');
    const job = await pipeline.queues.queue('order.submit').getJob(`submit-${row.clientOrderId}`);
    expect(job?.attemptsMade).toBe(1);
    expect(await database.prisma.fill.count()).toBe(0);
  });
});
