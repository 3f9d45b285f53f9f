// The report of one part of a run (the in-sample / out-of-sample halves a parameter sweep compares):
// the equity points in the part, started from the equity where the part begins, the trades entered in
// it, and each symbol's first and last close in it.
import { type BacktestReport, backtestReport } from '@hookline/backtest';
import type { Decimal } from '@hookline/core';
import type { BacktestRun, BacktestSeries } from './backtest-engine.js';
import { tradesOf } from './backtest-trades.js';

/** A part of the run: equity points with `fromMs < time ≤ toMs`. */
export interface RunPeriod {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The run's two halves, split at its middle equity point. */
export function runHalves(run: BacktestRun): [RunPeriod, RunPeriod] {
  const first = run.equity[0]?.time.getTime() ?? 0;
  const middle = run.equity[Math.floor((run.equity.length - 1) / 2)]?.time.getTime() ?? first;
  const last = run.equity.at(-1)?.time.getTime() ?? middle;
  return [
    { fromMs: first - 1, toMs: middle },
    { fromMs: middle, toMs: last },
  ];
}

/** The report of `period`; `initialCash` is the equity before the run's first point. */
export function periodReport(
  run: BacktestRun,
  series: readonly BacktestSeries[],
  initialCash: Decimal,
  timeframeMs: number,
  period: RunPeriod,
): BacktestReport {
  const inside = (timeMs: number) => timeMs > period.fromMs && timeMs <= period.toMs;
  const points = run.equity.filter((point) => inside(point.time.getTime()));
  const before = run.equity.filter((point) => point.time.getTime() <= period.fromMs).at(-1);
  const last = new Map(
    [...run.closes].map(([symbol, range]) => [symbol, { timeMs: range.lastTimeMs, close: range.last }]),
  );
  const closes = series.flatMap((item, index) => {
    const symbol = run.symbols[index] ?? item.symbol;
    // A candle's close is reached three quarters into it; the equity point of that close has that time.
    const rows = item.rows.filter((row) => inside(row.timeMs + (3 * timeframeMs) / 4));
    const [firstRow, lastRow] = [rows[0], rows.at(-1)];
    return firstRow && lastRow ? [{ symbol, firstClose: firstRow.close, lastClose: lastRow.close }] : [];
  });
  return backtestReport({
    trades: tradesOf(run.trades, last).filter((trade) => inside(trade.entryTime.getTime())),
    equityCurve: points,
    initialEquity: before?.equity ?? initialCash,
    closes,
    timeframeMs,
    exposure: points.map((point) => point.exposed),
  });
}
