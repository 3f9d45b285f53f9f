// `backtest --html FILE`: the report as one self-contained page, with lightweight-charts' standalone
// script (from the installed package) inlined, the candles of the traded period and each trade's
// hard-stop level (its entry price less HOOKLINE_HARD_STOP_PCT).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type BacktestReport, type ChartLevel, reportHtml } from '@hookline/backtest';
import type { BacktestSeries } from '@hookline/backtester';
import { dec, ONE } from '@hookline/core';
import type { Config } from '@hookline/schemas';

/**
 * The page of `report` over `series`, whose markets are `symbols` in the same order (the engine's
 * names); candles opening at or after `fromMs` are charted.
 */
export function backtestHtml(
  report: BacktestReport,
  series: readonly BacktestSeries[],
  symbols: readonly string[],
  config: Config,
  fromMs: number | undefined,
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
  return reportHtml({ title: 'Hookline backtest', report, candles, levels, chartScript: chartScript() });
}

function chartScript(): string {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('lightweight-charts/package.json'));
  return readFileSync(join(root, 'dist', 'lightweight-charts.standalone.production.js'), 'utf8');
}
