import { type Decimal, dec, ZERO } from '@hookline/core';
import { drawdowns } from './drawdown.js';
import { reportDuration } from './duration.js';
import { percentOf } from './precision.js';
import { returnStats } from './returns.js';
import { exitReasonKey, groupTrades, tradeStats } from './trade-stats.js';
import type { BacktestInput, BacktestReport, SymbolCloses } from './types.js';
import { validateInput } from './validate-input.js';

/**
 * The report of one backtest run: pure (no clock, no I/O), the same input always gives the same
 * report. Metric definitions: the doc comments of tradeStats, drawdowns and returnStats, and
 * docs/backtest-report.md. Besides those:
 * - netProfitPct = netProfit / initialEquity × 100;
 * - exposurePct = candles with a position open / equity points × 100; null without equity points;
 * - buyAndHoldPct = the mean over symbols of (lastClose − firstClose) / firstClose × 100 (equal
 *   weights, fees ignored); null when no closes are given.
 * trades and equityCurve are returned in input order; byExitReason and bySymbol sorted by key.
 */
export function backtestReport(input: BacktestInput): BacktestReport {
  validateInput(input);
  const stats = tradeStats(input.trades);
  const drawdown = drawdowns(input.initialEquity, input.equityCurve, input.timeframeMs);
  const ratios = returnStats(
    input.initialEquity,
    input.equityCurve,
    input.timeframeMs,
    drawdown.maxDrawdownPct,
  );
  return {
    summary: {
      trades: stats.trades,
      wins: stats.wins,
      losses: stats.losses,
      winRate: stats.winRate,
      netProfit: stats.netProfit,
      netProfitPct: percentOf(stats.netProfit, input.initialEquity),
      fees: stats.fees,
      profitFactor: stats.profitFactor,
      expectancy: stats.expectancy,
      maxDrawdown: drawdown.maxDrawdown,
      maxDrawdownPct: drawdown.maxDrawdownPct,
      maxDrawdownDuration: reportDuration(drawdown.maxDrawdownDurationMs),
      sharpe: ratios.sharpe,
      sortino: ratios.sortino,
      calmar: ratios.calmar,
      exposurePct: exposurePct(input.exposure, input.equityCurve.length),
      buyAndHoldPct: buyAndHoldPct(input.closes),
    },
    trades: [...input.trades],
    byExitReason: groupTrades(input.trades, exitReasonKey),
    bySymbol: groupTrades(input.trades, (trade) => trade.symbol),
    equityCurve: [...input.equityCurve],
    drawdownCurve: drawdown.curve,
  };
}

function exposurePct(exposure: number | readonly boolean[], candles: number): Decimal | null {
  if (candles === 0) return null;
  const exposed = typeof exposure === 'number' ? exposure : exposure.filter(Boolean).length;
  return percentOf(dec(exposed), dec(candles));
}

function buyAndHoldPct(closes: readonly SymbolCloses[]): Decimal | null {
  if (closes.length === 0) return null;
  let total = ZERO;
  for (const symbol of closes)
    total = total.plus(percentOf(dec(symbol.lastClose).minus(symbol.firstClose), symbol.firstClose));
  return total.dividedBy(closes.length);
}
