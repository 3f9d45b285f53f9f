// `backtest --html FILE`: the report as one self-contained page, with lightweight-charts' standalone
// script (from the installed package) inlined, the candles of the traded period, each trade's
// hard-stop level (its entry price less HOOKLINE_HARD_STOP_PCT) and its trailing stop's path (what the
// sentinel's sweeps left it at while the trade was held).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type BacktestReport, type ChartLevel, type ChartPath, reportHtml } from '@hookline/backtest';
import type { BacktestSeries, StopSample } from '@hookline/backtester';
import { dec, ONE } from '@hookline/core';
import type { Config } from '@hookline/schemas';

/**
 * The page of `report` over `series`, whose markets are `symbols` in the same order (the engine's
 * names); candles opening at or after `fromMs` are charted, with the `trailingStops` the run sampled.
 */
export function backtestHtml(
  report: BacktestReport,
  series: readonly BacktestSeries[],
  symbols: readonly string[],
  config: Config,
  fromMs: number | undefined,
  trailingStops: readonly StopSample[] = [],
): string {
  const stopFactor = ONE.minus(dec(String(config.HOOKLINE_HARD_STOP_PCT)).dividedBy(100));
  const lastMs = Math.max(...series.map((item) => item.rows.at(-1)?.timeMs ?? 0));
  const levels: ChartLevel[] = report.trades.map((trade) => ({
    symbol: trade.symbol,
    fromMs: trade.entryTime.getTime(),
    toMs: trade.exitTime?.getTime() ?? lastMs,
    price: trade.entryPrice.times(stopFactor),
  }));
  const candles = new Map(
    series.map((item, index) => [
      symbols[index] ?? item.symbol,
      item.rows.filter((row) => fromMs === undefined || row.timeMs >= fromMs),
    ]),
  );
  const paths = trailingPaths(report, trailingStops, lastMs);
  return reportHtml({
    title: 'Hookline backtest',
    report,
    candles,
    levels,
    paths,
    chartScript: chartScript(),
  });
}

/** Each trade's trailing stop while it was held (entry to exit); trades without one have no path. */
export function trailingPaths(
  report: BacktestReport,
  samples: readonly StopSample[],
  lastMs: number,
): ChartPath[] {
  return report.trades.flatMap((trade) => {
    const fromMs = trade.entryTime.getTime();
    const toMs = trade.exitTime?.getTime() ?? lastMs;
    const points = samples
      .filter((sample) => sample.symbol === trade.symbol && sample.timeMs >= fromMs && sample.timeMs <= toMs)
      .map((sample) => ({ timeMs: sample.timeMs, price: sample.stop }));
    return points.length === 0 ? [] : [{ symbol: trade.symbol, points }];
  });
}

function chartScript(): string {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('lightweight-charts/package.json'));
  return readFileSync(join(root, 'dist', 'lightweight-charts.standalone.production.js'), 'utf8');
}
