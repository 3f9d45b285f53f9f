import { type Decimal, dec, sum, ZERO } from '@hookline/core';
import { average } from './precision.js';
import type { BacktestTrade, GroupRow } from './types.js';

/** The trade-level figures of the summary, plus the gross sums profitFactor is made of. */
export interface TradeStats {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: Decimal | null;
  readonly netProfit: Decimal;
  readonly fees: Decimal;
  readonly grossProfit: Decimal;
  readonly grossLoss: Decimal;
  readonly profitFactor: Decimal | null;
  readonly expectancy: Decimal | null;
}

/**
 * - wins: trades with pnl > 0; losses: pnl < 0; a breakeven trade (pnl exactly 0) is neither, but it
 *   still counts in trades (so it lowers winRate).
 * - winRate = wins / trades, a fraction in [0, 1]; null without trades.
 * - netProfit = Σ pnl; fees = Σ fees (both exact).
 * - grossProfit = Σ pnl of wins; grossLoss = −Σ pnl of losses (≥ 0).
 * - profitFactor = grossProfit / grossLoss; null when grossLoss is 0 (no losing trade).
 * - expectancy = netProfit / trades (average net pnl per trade, rounded to AVERAGE_DECIMALS); null without trades.
 */
export function tradeStats(trades: readonly BacktestTrade[]): TradeStats {
  const pnls = trades.map((trade) => dec(trade.pnl));
  const winning = pnls.filter((pnl) => pnl.greaterThan(0));
  const losing = pnls.filter((pnl) => pnl.lessThan(0));
  const netProfit = sum(pnls);
  const grossProfit = sum(winning);
  const grossLoss = sum(losing).negated();
  const count = trades.length;
  return {
    trades: count,
    wins: winning.length,
    losses: losing.length,
    winRate: count === 0 ? null : dec(winning.length).dividedBy(count),
    netProfit,
    fees: sum(trades.map((trade) => dec(trade.fees))),
    grossProfit,
    grossLoss: grossLoss.isZero() ? ZERO : grossLoss,
    profitFactor: grossLoss.isZero() ? null : grossProfit.dividedBy(grossLoss),
    expectancy: count === 0 ? null : average(netProfit, count),
  };
}

/**
 * The trades grouped by keyOf, one row per key, rows in ascending key order (code-unit order, not
 * locale order, so the result never depends on the machine). avgPnl = pnl / count.
 */
export function groupTrades(
  trades: readonly BacktestTrade[],
  keyOf: (trade: BacktestTrade) => string,
): GroupRow[] {
  const groups = new Map<string, BacktestTrade[]>();
  for (const trade of trades) {
    const key = keyOf(trade);
    const group = groups.get(key);
    if (group) group.push(trade);
    else groups.set(key, [trade]);
  }
  return [...groups.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => {
      const stats = tradeStats(groups.get(key) ?? []);
      return {
        key,
        count: stats.trades,
        wins: stats.wins,
        losses: stats.losses,
        winRate: stats.winRate,
        pnl: stats.netProfit,
        avgPnl: stats.expectancy,
      };
    });
}

/** The exit-reason key of a trade: its exitReason, or 'OPEN' when the runner left it without one. */
export function exitReasonKey(trade: BacktestTrade): string {
  return trade.exitReason ?? 'OPEN';
}
