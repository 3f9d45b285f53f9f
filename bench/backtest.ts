// The backtest over generated one-minute candles (seeded, so every run trades the same series):
// candles per second through the whole engine (matrix, entries through the risk gate, sentinel,
// exits, ledger) and the resident memory at the end, in a throwaway embedded database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { reportOfRun, runBacktestEngine } from '@hookline/backtester';
import { dec } from '@hookline/core';
import { migrateDatabase, openDatabase } from '@hookline/db';
import { candleTimeframeMs, generateCandleCsv, parseCandleCsv } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';

/** Size of a backtest benchmark run. */
export interface BacktestBenchmarkOptions {
  readonly symbols: number;
  readonly candles: number;
}

const START_MS = Date.UTC(2025, 0, 1);

/** Runs the default strategy over `symbols` × `candles` one-minute candles. */
export async function benchmarkBacktest(options: BacktestBenchmarkOptions): Promise<Record<string, number>> {
  const minute = candleTimeframeMs['1m'];
  const series = Array.from({ length: options.symbols }, (_, index) => ({
    symbol: `S${index}/USD`,
    rows: parseCandleCsv(
      generateCandleCsv({
        seed: index + 1,
        count: options.candles,
        startMs: START_MS,
        timeframeMs: minute,
        startPrice: '100',
        typicalVolume: '1000',
      }),
    ),
  }));
  const dataDir = mkdtempSync(join(tmpdir(), 'hookline-bench-backtest-'));
  try {
    await migrateDatabase({ dataDir });
    const database = await openDatabase({ dataDir });
    try {
      const config = parseConfig({ MODE: 'paper', HOOKLINE_SIGHOOK_TIMEFRAME: '1m' });
      const logger = createLogger({ level: 'error', format: 'json', service: 'bench' }, process.stderr);
      const cash = dec('100000');
      const started = performance.now();
      const run = await runBacktestEngine({
        database,
        series,
        timeframe: '1m',
        config,
        logger,
        initialCash: cash,
      });
      const report = reportOfRun(run, cash, minute);
      const seconds = (performance.now() - started) / 1_000;
      const candles = options.symbols * options.candles;
      return {
        symbols: options.symbols,
        candles,
        trades: report.trades.length,
        seconds: Math.round(seconds * 100) / 100,
        candles_per_second: Math.round(candles / seconds),
        rss_mb: Math.round(process.memoryUsage().rss / 1_048_576),
        // The target: 10 symbols × 50,000 candles in under 60 s.
        target_seconds_for_500k: 60,
        projected_seconds_for_500k: Math.round((500_000 / candles) * seconds),
      };
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
