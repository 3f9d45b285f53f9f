// What a replay prints: every order, fill and exit (with its reason and aggregate), every exit that
// did not happen and why, and what is still held. Decimals are strings; times ISO-8601 UTC.
import { toPlainString } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import { readOpenPositions } from '../positions/open-positions.js';
import { clientOf, type Store } from '../store.js';

/** One order of the replay (trade_records). */
export interface ReplayOrder {
  readonly time: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly side: string;
  readonly type: string;
  readonly time_in_force: string | null;
  readonly price: string | null;
  readonly size: string;
  readonly status: string;
  readonly filled_size: string;
  readonly avg_fill_price: string | null;
  readonly fees_usd: string;
  readonly trigger: string;
  readonly exit_reason: string | null;
}

/** One fill of the replay. */
export interface ReplayFill {
  readonly time: string;
  readonly symbol: string;
  readonly side: string;
  readonly price: string;
  readonly size: string;
  readonly fee: string;
  readonly fee_currency: string;
  readonly liquidity: string | null;
  readonly client_order_id: string | null;
}

/** One exit decision the sentinel (or cap) ordered, aggregated over its orders. */
export interface ReplayExit {
  readonly time: string;
  readonly decision_id: string;
  readonly symbol: string;
  readonly reason: string;
  readonly orders: number;
  readonly filled_size: string;
  readonly average_price: string | null;
  readonly fees_usd: string;
  readonly pnl_usd: string;
}

/** An exit that did not happen, with the recorded reason ("why didn't it sell?"). */
export interface ReplayNotSold {
  readonly time: string;
  readonly symbol: string;
  readonly outcome: string;
  readonly reason_code: string;
  readonly exit_reason: string | null;
}

/** The replay's output. */
export interface ReplayReport {
  readonly ticks: { readonly count: number; readonly from: string; readonly to: string };
  readonly orders: readonly ReplayOrder[];
  readonly fills: readonly ReplayFill[];
  readonly exits: readonly ReplayExit[];
  readonly not_sold: readonly ReplayNotSold[];
  readonly open_positions: readonly { symbol: string; amount: string; cost_basis_usd: string }[];
}

/** Reads the report of one account's replay from the database. */
export async function readReplayReport(
  store: Store,
  account: string,
  ticks: ReplayReport['ticks'],
): Promise<ReplayReport> {
  const prisma = clientOf(store);
  const [orders, fills, exits, notSold, open] = await Promise.all([
    prisma.$queryRaw<ReplayOrder[]>`
      SELECT to_char(order_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time, client_order_id,
        symbol, side::text, order_type::text AS type, time_in_force::text, price::text, size::text,
        status::text, filled_size::text, avg_fill_price::text, total_fees_usd::text AS fees_usd,
        trigger::text, exit_reason::text
      FROM trade_records WHERE account = ${account} ORDER BY order_time, created_at, client_order_id`,
    prisma.$queryRaw<ReplayFill[]>`
      SELECT to_char(executed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time, symbol,
        side::text, price::text, size::text, fee::text, fee_currency, liquidity::text, client_order_id
      FROM fills WHERE account = ${account} ORDER BY executed_at, arrival_seq`,
    readExits(prisma, account),
    prisma.$queryRaw<ReplayNotSold[]>`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time, symbol,
        outcome::text, reason_code, exit_reason::text
      FROM decisions WHERE account = ${account} AND intent = 'EXIT' AND outcome <> 'ORDERED'
      ORDER BY created_at, decision_id`,
    readOpenPositions(store, { account }).then((positions) =>
      positions.map(({ symbol, amount, costBasis }) => ({
        symbol,
        amount: toPlainString(amount),
        cost_basis_usd: toPlainString(costBasis),
      })),
    ),
  ]);
  return { ticks, orders, fills, exits, not_sold: notSold, open_positions: open };
}

// Sizes, fees and the weighted average price over every order of the decision; P&L from its allocations.
async function readExits(prisma: PrismaClient, account: string): Promise<ReplayExit[]> {
  const rows = await prisma.$queryRaw<Array<Omit<ReplayExit, 'orders'> & { orders: bigint }>>`
    SELECT to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time, d.decision_id,
      d.symbol, d.exit_reason::text AS reason, COUNT(t.id) AS orders,
      COALESCE(SUM(t.filled_size), 0)::text AS filled_size,
      CASE WHEN SUM(t.filled_size) > 0
        THEN trim_scale(SUM(t.filled_size * COALESCE(t.avg_fill_price, 0)) / SUM(t.filled_size))::text END AS average_price,
      COALESCE(SUM(t.total_fees_usd), 0)::text AS fees_usd,
      COALESCE((SELECT SUM(a.pnl_usd) FROM fifo_allocations a JOIN fills f ON f.id = a.sell_fill_id
        JOIN trade_records s ON s.id = f.trade_record_id WHERE s.decision_id = d.decision_id), 0)::text AS pnl_usd
    FROM decisions d LEFT JOIN trade_records t ON t.decision_id = d.decision_id
    WHERE d.account = ${account} AND d.intent = 'EXIT' AND d.outcome = 'ORDERED'
    GROUP BY d.decision_id ORDER BY d.created_at, d.decision_id`;
  return rows.map((row) => ({ ...row, orders: Number(row.orders) }));
}
