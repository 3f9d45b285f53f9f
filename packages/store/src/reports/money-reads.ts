// The money the notifications and the money metrics report: realised P&L and fees of a period, of
// one exit, and the open positions (readOpenPositions). One query home, so the daily summary, the
// exit notification and /metrics agree.
import { type Decimal, dec, ZERO } from '@hookline/core';
import { type OpenPosition, readOpenPositions } from '../positions/open-positions.js';
import { clientOf, type Store } from '../store.js';

/** What a period did: realised P&L of its sells (FIFO, after fees), fees paid, trades (fills). */
export interface PeriodMoney {
  readonly realizedPnl: Decimal;
  readonly feesUsd: Decimal;
  readonly trades: number;
}

/** Realised P&L, fees and fills of `account` with execution in [from, to). */
export async function readPeriodMoney(
  store: Store,
  query: { readonly account: string; readonly from: Date; readonly to: Date },
): Promise<PeriodMoney> {
  const client = clientOf(store);
  const [pnl, fills] = await Promise.all([
    client.fifoAllocation.aggregate({
      where: { account: query.account, sellTime: { gte: query.from, lt: query.to } },
      _sum: { pnlUsd: true },
    }),
    client.fill.aggregate({
      where: { account: query.account, executedAt: { gte: query.from, lt: query.to } },
      _sum: { feeUsd: true },
      _count: { _all: true },
    }),
  ]);
  return {
    realizedPnl: pnl._sum.pnlUsd === null ? ZERO : dec(pnl._sum.pnlUsd.toString()),
    feesUsd: fills._sum.feeUsd === null ? ZERO : dec(fills._sum.feeUsd.toString()),
    trades: fills._count._all,
  };
}

/** Realised P&L of every account since the ledger began (the metrics' running total). */
export async function readRealizedPnlTotal(
  store: Store,
): Promise<readonly { account: string; pnl: Decimal }[]> {
  const groups = await clientOf(store).fifoAllocation.groupBy({ by: ['account'], _sum: { pnlUsd: true } });
  return groups.map((group) => ({
    account: group.account,
    pnl: group._sum.pnlUsd === null ? ZERO : dec(group._sum.pnlUsd.toString()),
  }));
}

/** Realised P&L of one exit's sells (Σ of its orders' FIFO P&L); undefined while none is known. */
export async function readExitPnl(store: Store, decisionId: string): Promise<Decimal | undefined> {
  const orders = await clientOf(store).tradeRecord.findMany({
    where: { decisionId },
    select: { pnlUsd: true },
  });
  const known = orders.flatMap((order) => (order.pnlUsd === null ? [] : [dec(order.pnlUsd.toString())]));
  return known.length === 0 ? undefined : known.reduce((total, pnl) => total.plus(pnl), ZERO);
}

/** The open positions of every account (or one): the money metrics and the daily summary. */
export async function readOpenPositionsForMoney(store: Store, account?: string): Promise<OpenPosition[]> {
  return await readOpenPositions(store, { account });
}

/** Realised P&L per UTC day of `account` (days with sales only), oldest first: the equity chart. */
export async function readDailyRealizedPnl(
  store: Store,
  account: string,
): Promise<readonly { day: Date; pnl: Decimal }[]> {
  const rows = await clientOf(store).$queryRaw<{ day: Date; pnl: string }[]>`
    SELECT date_trunc('day', sell_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
           SUM(COALESCE(pnl_usd, 0))::text AS pnl
    FROM fifo_allocations WHERE account = ${account}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((row) => ({ day: row.day, pnl: dec(row.pnl) }));
}
