import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../../test/support/plain-decimal.js';
import { SYMBOL, useReconcileHarness } from './reconciler-harness.js';

describe('reconciler: orders and fills', () => {
  const harness = useReconcileHarness();

  it('when an order was placed at the exchange behind our back then it is imported as RECONCILED, once', async () => {
    const { venue, database, reconciler } = await harness();
    const placed = await venue.exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'placed-in-the-exchange-ui',
      symbol: SYMBOL,
      side: 'buy',
      amount: dec('0.01'),
      price: dec('59000'),
    });
    const subject = await reconciler();

    const first = await subject.runOnce();
    const second = await subject.runOnce();

    expect(first.outcome).toBe('COMPLETED');
    expect(first.ordersImported).toEqual([
      {
        orderId: placed.id,
        exchangeClientOrderId: 'placed-in-the-exchange-ui',
        symbol: SYMBOL,
        side: 'buy',
        status: 'OPEN',
      },
    ]);
    expect(second.ordersImported).toEqual([]);
    const rows = await database.prisma.tradeRecord.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      orderId: placed.id,
      trigger: 'RECONCILED',
      source: 'RECONCILED',
      status: 'OPEN',
      orderType: 'LIMIT',
    });
    expect(plain(rows[0]?.size)).toBe('0.01');
  });

  it('when an imported order later fills then its row becomes FILLED and holds the fill', async () => {
    const { venue, database, reconciler } = await harness();
    const placed = await venue.exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'ui-order',
      symbol: SYMBOL,
      side: 'buy',
      amount: dec('0.01'),
      price: dec('59000'),
    });
    const subject = await reconciler();
    await subject.runOnce();

    venue.quote('58990', '58999');
    await subject.runOnce();
    const report = await subject.runOnce();

    const row = await database.prisma.tradeRecord.findFirstOrThrow({ include: { fills: true } });
    expect(row.orderId).toBe(placed.id);
    expect(row.status).toBe('FILLED');
    expect(row.fills).toHaveLength(1);
    expect(await database.prisma.tradeRecord.count()).toBe(1);
    expect(report.zombies).toEqual([]);
    expect(report.unknownHoldings).toEqual([]);
  });

  it('when the stream missed a fill then it is inserted exactly once, even when reconcile runs twice', async () => {
    const { venue, database, redis, prefix, reconciler } = await harness();
    await venue.exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'filled-while-we-were-away',
      symbol: SYMBOL,
      side: 'buy',
      amount: dec('0.01'),
      price: dec('60100'),
    });
    const subject = await reconciler();

    const first = await subject.runOnce();
    const second = await subject.runOnce();

    expect(first.fillsInserted).toBe(1);
    expect(second.fillsInserted).toBe(0);
    expect(await database.prisma.fill.count()).toBe(1);
    const row = await database.prisma.tradeRecord.findFirstOrThrow();
    expect(row).toMatchObject({ trigger: 'RECONCILED', status: 'FILLED' });
    expect(second.zombies).toEqual([]);
    expect(second.unknownHoldings).toEqual([]);
    expect(await redis.get(`${prefix}:fills:cursor:default:paper`)).not.toBeNull();
  });

  it('when our SUBMITTED order was filled at the exchange then it becomes FILLED with its fill', async () => {
    const { venue, database, reconciler, submittedOrder } = await harness();
    await submittedOrder('ours-ack-lost', venue.clock.now());
    const placed = await venue.exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'ours-ack-lost',
      symbol: SYMBOL,
      side: 'buy',
      amount: dec('0.01'),
      price: dec('60100'),
    });

    const report = await (await reconciler()).runOnce();

    expect(report.ordersResolved).toEqual([
      expect.objectContaining({ clientOrderId: 'ours-ack-lost', from: 'SUBMITTED', to: 'FILLED' }),
    ]);
    const rows = await database.prisma.tradeRecord.findMany({ include: { fills: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orderId: placed.id, status: 'FILLED', trigger: 'ALERT' });
    expect(rows[0]?.fills).toHaveLength(1);
    expect(plain(rows[0]?.filledSize)).toBe('0.01');
    expect(rows[0]?.lastReconciledAt).not.toBeNull();
  });

  it.each([
    { age: 'older than the grace period', ageMs: 60 * 60_000, status: 'REJECTED', resolved: 1 },
    { age: 'within the grace period', ageMs: 60_000, status: 'SUBMITTED', resolved: 0 },
  ])('when a SUBMITTED order is NOT_FOUND at the exchange and $age then it is $status', async (row) => {
    const { venue, database, reconciler, submittedOrder } = await harness();
    await submittedOrder('never-reached-the-exchange', new Date(venue.clock.nowMs() - row.ageMs));

    const report = await (await reconciler({ notFoundGraceMs: 15 * 60_000 })).runOnce();

    expect(report.outcome).toBe('COMPLETED');
    expect(report.ordersResolved).toHaveLength(row.resolved);
    expect(report.ordersUnresolved).toHaveLength(1 - row.resolved);
    const stored = await database.prisma.tradeRecord.findFirstOrThrow();
    expect(stored.status).toBe(row.status);
    if (row.status === 'REJECTED') expect(stored.statusReason).toContain('NOT_FOUND');
    else expect(report.ordersUnresolved[0]?.reason).toContain('grace period');
  });

  it('when a NOT_FOUND lookup concerns an order the exchange acknowledged before then it is not rejected', async () => {
    const { venue, database, reconciler, submittedOrder } = await harness();
    await submittedOrder('acknowledged-then-missing', new Date(venue.clock.nowMs() - 60 * 60_000));
    await database.prisma.tradeRecord.updateMany({ data: { orderId: 'exchange-id-unknown-to-venue' } });

    const report = await (await reconciler()).runOnce();

    expect(report.ordersUnresolved[0]?.reason).toContain('acknowledged');
    expect((await database.prisma.tradeRecord.findFirstOrThrow()).status).toBe('SUBMITTED');
  });
});
