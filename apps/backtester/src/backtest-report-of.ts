// A finished engine run as the report's input: its trades (remainders valued at the last close),
// its equity at each close, each symbol's first and last close, and the candles with a position.
import { type BacktestReport, backtestReport } from '@hookline/backtest';
import type { Decimal } from '@hookline/core';
import type { BacktestRun } from './backtest-engine.js';
import { tradesOf } from './backtest-trades.js';

/** The report of `run` started with `initialCash`, candles of `timeframeMs`. */
export function reportOfRun(run: BacktestRun, initialCash: Decimal, timeframeMs: number): BacktestReport {
  const last = new Map(
    [...run.closes].map(([symbol, range]) => [symbol, { timeMs: range.lastTimeMs, close: range.last }]),
  );
  return backtestReport({
    trades: tradesOf(run.trades, last),
    equityCurve: run.equity,
    initialEquity: initialCash,
    closes: [...run.closes].map(([symbol, range]) => ({
      symbol,
      firstClose: range.first,
      lastClose: range.last,
    })),
    timeframeMs,
    exposure: run.equity.map((point) => point.exposed),
  });
}
