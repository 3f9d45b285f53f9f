import { dec } from '@hookline/core';
import { recordFills } from '@hookline/ledger-store';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import {
  countOrdersByStatus,
  readFillTimingsAfter,
  readRealizedPnlSince,
  readRecentExits,
  readRecentOrderTimes,
  readWorkingOrders,
  storeOf,
} from '../src/index.js';
import { at, fill, order } from './order-fixtures.js';

describe('what the risk gate and the metrics read from orders and fills', () => {
  const perFile = usePerFileDatabase('store-risk-metrics');
  const store = () => storeOf(perFile.database());
  const prisma = () => perFile.database().prisma;

  it('when working orders are read then every status that may still fill or cancel comes, of the account only', async () => {
    for (const status of ['NEW', 'SUBMITTED', 'OPEN', 'PARTIALLY_FILLED', 'PENDING_CANCEL'] as const) {
      await order(prisma(), `working-${status}`, { status });
    }
    await order(prisma(), 'filled', { status: 'FILLED' });
    await order(prisma(), 'canceled', { status: 'CANCELED' });
    await order(prisma(), 'other', { status: 'OPEN', account: 'other' });
    await order(prisma(), 'sell', { status: 'OPEN', side: 'SELL' });

    const rows = await readWorkingOrders(store(), 'default');

    expect(rows.map((row) => row.clientOrderId).sort()).toEqual(
      [
        'sell',
        'working-NEW',
        'working-OPEN',
        'working-PARTIALLY_FILLED',
        'working-PENDING_CANCEL',
        'working-SUBMITTED',
      ].sort(),
    );
    expect(rows.find((row) => row.clientOrderId === 'sell')?.side).toBe('sell');
  });

  it('when recent order times are read then entries and exits since the instant count, imported orders do not', async () => {
    await order(prisma(), 'old', { orderTime: at(0) });
    await order(prisma(), 'alert', { orderTime: at(5), trigger: 'ALERT' });
    await order(prisma(), 'signal', { orderTime: at(6), trigger: 'SIGNAL' });
    await order(prisma(), 'exit', { orderTime: at(7), trigger: 'EXIT', side: 'SELL' });
    await order(prisma(), 'imported', { orderTime: at(8), trigger: 'RECONCILED' });
    await order(prisma(), 'other', { orderTime: at(9), account: 'other' });

    const times = await readRecentOrderTimes(store(), 'default', at(5));

    expect(times.map((time) => time.getTime()).sort()).toEqual(
      [at(5), at(6), at(7)].map((time) => time.getTime()),
    );
  });

  it('when recent exits are read then sells with a P&L come, last updated first, at most the limit', async () => {
    await order(prisma(), 'first', { side: 'SELL', status: 'FILLED', pnlUsd: '-5' });
    await order(prisma(), 'second', { side: 'SELL', status: 'FILLED', pnlUsd: '3' });
    await order(prisma(), 'no-pnl', { side: 'SELL', status: 'OPEN' });
    await order(prisma(), 'buy', { side: 'BUY', status: 'FILLED', pnlUsd: '1' });
    await prisma().tradeRecord.update({
      where: { clientOrderId: 'first' },
      data: { statusReason: 'touched' },
    });

    const exits = await readRecentExits(store(), 'default', 20);

    expect(exits.map((row) => row.clientOrderId)).toEqual(['first', 'second']);
    expect(exits[0]?.side).toBe('sell');
    expect((await readRecentExits(store(), 'default', 1)).map((row) => row.clientOrderId)).toEqual(['first']);
  });

  it('when recent exits are read then each is dated by its last fill, not by when its row was written', async () => {
    const sell = await order(prisma(), 'exit', { side: 'SELL', status: 'FILLED', pnlUsd: '2' });
    await order(prisma(), 'unfilled', { side: 'SELL', status: 'FILLED', pnlUsd: '1' });
    await recordFills(prisma(), [
      fill('buy-1', { executedAt: at(0), size: dec('0.02') }),
      fill('sell-1', { executedAt: at(10), side: 'sell' }),
      fill('sell-2', { executedAt: at(12), side: 'sell' }),
    ]);
    await prisma().fill.updateMany({
      where: { tradeId: { in: ['sell-1', 'sell-2'] } },
      data: { tradeRecordId: sell },
    });

    const exits = await readRecentExits(store(), 'default', 20);
    const exitedAt = Object.fromEntries(exits.map((row) => [row.clientOrderId, row.exitedAt]));

    expect(exitedAt.exit?.toISOString()).toBe(at(12).toISOString());
    // Without a fill the row's own update time is all there is.
    expect(exitedAt.unfilled?.getTime()).toBe(
      exits.find((row) => row.clientOrderId === 'unfilled')?.updatedAt.getTime(),
    );
  });

  it('when realized P&L is read since an instant then only sells at or after it count', async () => {
    await recordFills(prisma(), [
      fill('buy-1', { executedAt: at(0), size: dec('0.02') }),
      fill('sell-1', { executedAt: at(10), side: 'sell', price: dec('61000') }),
      fill('sell-2', { executedAt: at(20), side: 'sell', price: dec('58000') }),
    ]);

    // +10 on the first sell, −20 on the second.
    expect((await readRealizedPnlSince(store(), 'default', at(0))).toString()).toBe('-10');
    expect((await readRealizedPnlSince(store(), 'default', at(10))).toString()).toBe('-10');
    expect((await readRealizedPnlSince(store(), 'default', at(11))).toString()).toBe('-20');
    expect((await readRealizedPnlSince(store(), 'default', at(21))).toString()).toBe('0');
    expect((await readRealizedPnlSince(store(), 'other', at(0))).toString()).toBe('0');
  });

  it("when orders are counted then the account's come grouped by status", async () => {
    await order(prisma(), 'a', { status: 'OPEN' });
    await order(prisma(), 'b', { status: 'OPEN' });
    await order(prisma(), 'c', { status: 'FILLED' });
    await order(prisma(), 'd', { status: 'FILLED', account: 'other' });

    const counts = await countOrdersByStatus(store(), 'default');

    expect(counts).toHaveLength(2);
    expect(counts).toEqual(
      expect.arrayContaining([
        { status: 'OPEN', count: 2 },
        { status: 'FILLED', count: 1 },
      ]),
    );
  });

  it('when fill timings are read after a sequence then later fills come in arrival order, at most the limit', async () => {
    await recordFills(prisma(), [fill('t-1'), fill('t-2'), fill('t-3')]);

    const all = await readFillTimingsAfter(store(), 'default', 0n, 10);
    const first = all[0];
    const next = await readFillTimingsAfter(store(), 'default', first?.arrivalSeq ?? 0n, 1);

    expect(all).toHaveLength(3);
    expect(all.map((timing) => timing.receivedAt.getTime() - timing.executedAt.getTime())).toEqual([
      250, 250, 250,
    ]);
    expect(next).toEqual([all[1]]);
  });
});
