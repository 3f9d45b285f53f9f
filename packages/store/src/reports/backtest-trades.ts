// A backtest's round trips from the ledger: one per entry order (a BUY trade_record with fills), its
// exit from the FIFO allocations that consumed the entry's lots (sizes, proceeds, fees, P&L, the
// exit orders' reason). Exact decimals as text; what is still held is reported, not invented.
import { clientOf, type Store } from '../store.js';

/** One entry and what the ledger says became of it. */
export interface BacktestTradeRow {
  readonly entryOrderId: string;
  readonly symbol: string;
  readonly entryTime: Date;
  readonly entryPrice: string;
  readonly size: string;
  /** USD fees of the entry order. */
  readonly entryFeesUsd: string;
  /** Units of the entry sold (SELL and FEE_DISPOSAL allocations of its lots). */
  readonly soldSize: string;
  /** The last sale of its lots; null while nothing was sold. */
  readonly exitTime: Date | null;
  /** Sale proceeds (gross) of the sold units; divided by soldSize it is the average exit price. */
  readonly proceedsUsd: string;
  /** Sell fees allocated to its lots. */
  readonly exitFeesUsd: string;
  /** Cost basis (price and buy fee) of the sold units. */
  readonly soldCostUsd: string;
  /** Realised P&L of the sold units (net of both fees). */
  readonly realisedPnlUsd: string;
  /** Exit reasons of the sales, in time order, distinct. */
  readonly exitReasons: readonly string[];
}

/** Every entry of `account` with its sales, in entry time order. */
export async function readBacktestTrades(store: Store, account: string): Promise<BacktestTradeRow[]> {
  const rows = await clientOf(store).$queryRaw<
    Array<Omit<BacktestTradeRow, 'exitReasons'> & { exitReasons: string[] | null }>
  >`
    WITH entries AS (
      SELECT t.id, t.symbol, MIN(f.executed_at) AS entry_time, t.avg_fill_price, t.filled_size, t.total_fees_usd
      FROM trade_records t JOIN fills f ON f.trade_record_id = t.id
      WHERE t.account = ${account} AND t.side = 'BUY'
      GROUP BY t.id
    ), sales AS (
      SELECT bf.trade_record_id AS entry_id, a.allocated_size, a.proceeds_usd, a.sell_fee_usd, a.cost_basis_usd,
        a.pnl_usd, a.sell_time, st.exit_reason
      FROM fifo_allocations a
      JOIN fills bf ON bf.id = a.buy_fill_id
      LEFT JOIN fills sf ON sf.id = a.sell_fill_id
      LEFT JOIN trade_records st ON st.id = sf.trade_record_id
      WHERE a.account = ${account} AND a.kind IN ('SELL', 'FEE_DISPOSAL')
    )
    SELECT e.id AS "entryOrderId", e.symbol, e.entry_time AS "entryTime",
      e.avg_fill_price::text AS "entryPrice", e.filled_size::text AS "size",
      e.total_fees_usd::text AS "entryFeesUsd",
      COALESCE(SUM(s.allocated_size), 0)::text AS "soldSize",
      MAX(s.sell_time) AS "exitTime",
      COALESCE(SUM(s.proceeds_usd), 0)::text AS "proceedsUsd",
      COALESCE(SUM(s.sell_fee_usd), 0)::text AS "exitFeesUsd",
      COALESCE(SUM(s.cost_basis_usd), 0)::text AS "soldCostUsd",
      COALESCE(SUM(s.pnl_usd), 0)::text AS "realisedPnlUsd",
      ARRAY_AGG(DISTINCT s.exit_reason::text) FILTER (WHERE s.exit_reason IS NOT NULL) AS "exitReasons"
    FROM entries e LEFT JOIN sales s ON s.entry_id = e.id
    GROUP BY e.id, e.symbol, e.entry_time, e.avg_fill_price, e.filled_size, e.total_fees_usd
    ORDER BY e.entry_time, e.id`;
  return rows.map((row) => ({ ...row, exitReasons: row.exitReasons ?? [] }));
}
