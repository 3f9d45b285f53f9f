// What the risk gate reads from our orders and the ledger for one account: the orders still working,
// the times of recent orders (order rate), the recent exits with their P&L (loss streak, cooldown),
// and the P&L realized since an instant (daily loss).
import { type Decimal, dec } from '@hookline/core';
import { type OrderRecord, toOrderRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';
import { WORKING_ORDER_STATUSES } from './working-statuses.js';

/** The account's orders that are still working (NEW to PENDING_CANCEL). */
export async function readWorkingOrders(store: Store, account: string): Promise<OrderRecord[]> {
  const rows = await clientOf(store).tradeRecord.findMany({
    where: { account, status: { in: [...WORKING_ORDER_STATUSES] } },
  });
  return rows.map(toOrderRecord);
}

/** The order times of the account's entries and exits (not imported orders) since `since`. */
export async function readRecentOrderTimes(store: Store, account: string, since: Date): Promise<Date[]> {
  const rows = await clientOf(store).tradeRecord.findMany({
    where: { account, orderTime: { gte: since }, trigger: { in: ['ALERT', 'SIGNAL', 'EXIT'] } },
    select: { orderTime: true },
  });
  return rows.map((row) => row.orderTime);
}

/** A sell with a realized P&L, dated by its last fill. */
export type RecentExit = OrderRecord & {
  /**
   * When the exit happened: its last fill's exchange time (the row's update time when it has no fill).
   * Not the row's update time, which the database takes from the wall clock: a backtest's virtual
   * clock would see every exit in the future and never end a cooldown.
   */
  readonly exitedAt: Date;
};

/** The account's last `limit` sells with a realized P&L, most recently updated first. */
export async function readRecentExits(store: Store, account: string, limit: number): Promise<RecentExit[]> {
  const rows = await clientOf(store).tradeRecord.findMany({
    where: { account, side: 'SELL', pnlUsd: { not: null } },
    orderBy: { updatedAt: 'desc' },
    take: limit,
    include: { fills: { select: { executedAt: true }, orderBy: { executedAt: 'desc' }, take: 1 } },
  });
  return rows.map(({ fills, ...row }) => ({
    ...toOrderRecord(row),
    exitedAt: fills[0]?.executedAt ?? row.updatedAt,
  }));
}

/** The P&L (USD) the account realized by sells at or after `since` (its FIFO allocations). */
export async function readRealizedPnlSince(store: Store, account: string, since: Date): Promise<Decimal> {
  const realized = await clientOf(store).fifoAllocation.aggregate({
    where: { account, sellTime: { gte: since } },
    _sum: { pnlUsd: true },
  });
  return dec(realized._sum.pnlUsd?.toString() ?? '0');
}
