import { type Decimal, dec, toFixedString, toPlainString } from '@hookline/core';
import { RATIO_DECIMALS } from './precision.js';
import type { BacktestReport, BacktestSummary, BacktestTrade, GroupRow } from './types.js';

/**
 * The report as a deterministic JSON string (2-space indent, keys in the fixed order written below):
 * byte-identical for identical input. Money (netProfit, fees, pnl, prices, sizes, equity, drawdown,
 * expectancy, avgPnl) is its exact decimal string; every ratio (winRate, *Pct, profitFactor, sharpe,
 * sortino, calmar) is a string with RATIO_DECIMALS decimals rounded half away from zero; times are ISO-8601
 * UTC strings; counts and durations in ms are numbers; an undefined metric is null.
 */
export function reportJson(report: BacktestReport): string {
  return JSON.stringify(
    {
      summary: summaryJson(report.summary),
      trades: report.trades.map(tradeJson),
      byExitReason: report.byExitReason.map(groupJson),
      bySymbol: report.bySymbol.map(groupJson),
      equityCurve: report.equityCurve.map((point) => ({
        time: point.time.toISOString(),
        equity: money(point.equity),
      })),
      drawdownCurve: report.drawdownCurve.map((point) => ({
        time: point.time.toISOString(),
        drawdown: money(point.drawdown),
        drawdownPct: ratio(point.drawdownPct),
      })),
    },
    null,
    2,
  );
}

/** A ratio with RATIO_DECIMALS decimals ("0.500000"), null kept; numbers go through their shortest decimal form. */
export function ratio(value: Decimal | number | null): string | null {
  if (value === null) return null;
  return toFixedString(typeof value === 'number' ? dec(String(value)) : value, RATIO_DECIMALS);
}

function money(value: Decimal): string;
function money(value: Decimal | null): string | null;
function money(value: Decimal | null): string | null {
  return value === null ? null : toPlainString(value);
}

function summaryJson(summary: BacktestSummary) {
  return {
    trades: summary.trades,
    wins: summary.wins,
    losses: summary.losses,
    winRate: ratio(summary.winRate),
    netProfit: money(summary.netProfit),
    netProfitPct: ratio(summary.netProfitPct),
    fees: money(summary.fees),
    profitFactor: ratio(summary.profitFactor),
    expectancy: money(summary.expectancy),
    maxDrawdown: money(summary.maxDrawdown),
    maxDrawdownPct: ratio(summary.maxDrawdownPct),
    maxDrawdownDuration: {
      ms: summary.maxDrawdownDuration.ms,
      iso: summary.maxDrawdownDuration.iso,
      text: summary.maxDrawdownDuration.text,
    },
    sharpe: ratio(summary.sharpe),
    sortino: ratio(summary.sortino),
    calmar: ratio(summary.calmar),
    exposurePct: ratio(summary.exposurePct),
    buyAndHoldPct: ratio(summary.buyAndHoldPct),
  };
}

function tradeJson(trade: BacktestTrade) {
  return {
    symbol: trade.symbol,
    entryTime: trade.entryTime.toISOString(),
    exitTime: trade.exitTime === null ? null : trade.exitTime.toISOString(),
    entryPrice: money(trade.entryPrice),
    exitPrice: money(trade.exitPrice),
    size: money(trade.size),
    fees: money(trade.fees),
    pnl: money(trade.pnl),
    exitReason: trade.exitReason,
  };
}

function groupJson(row: GroupRow) {
  return {
    key: row.key,
    count: row.count,
    wins: row.wins,
    losses: row.losses,
    winRate: ratio(row.winRate),
    pnl: money(row.pnl),
    avgPnl: money(row.avgPnl),
  };
}
