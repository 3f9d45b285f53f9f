// The backtest over generated one-minute candles (seeded, so every run trades the same series):
// candles per second through the whole engine (matrix, entries through the risk gate, sentinel,
// exits, ledger) and the resident memory at the end, in a throwaway database in memory. The peer
// figure is the matrix alone over the same candles in the same run (what the engine computes before
// it trades): the ratio of the two is steadier than either on a shared machine, as is the CPU time.
import { performance } from 'node:perf_hooks';
import { reportOfRun, runBacktestEngine } from '@hookline/backtester';
import { dec } from '@hookline/core';
import { openMemoryDatabase } from '@hookline/db';
import { candleTimeframeMs, generateCandleCsv, parseCandleCsv } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { computeMatrixFromCandles, matrixSettingsFromConfig } from '@hookline/sighook';

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
  // The database the CLI's backtest runs on: a throwaway one in memory.
  const database = await openMemoryDatabase();
  try {
    const config = parseConfig({ MODE: 'paper', HOOKLINE_SIGHOOK_TIMEFRAME: '1m' });
    const logger = createLogger({ level: 'error', format: 'json', service: 'bench' }, process.stderr);
    const cash = dec('100000');
    const settings = matrixSettingsFromConfig(config);
    const matrixStarted = performance.now();
    for (const { symbol, rows } of series)
      computeMatrixFromCandles(rows, { symbol, timeframe: '1m', settings, rows: 'all' });
    const matrixSeconds = (performance.now() - matrixStarted) / 1_000;
    const cpu = process.cpuUsage();
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
    const used = process.cpuUsage(cpu);
    const candles = options.symbols * options.candles;
    return {
      symbols: options.symbols,
      candles,
      trades: report.trades.length,
      seconds: Math.round(seconds * 100) / 100,
      candles_per_second: Math.round(candles / seconds),
      cpu_seconds: Math.round((used.user + used.system) / 10_000) / 100,
      matrix_seconds: Math.round(matrixSeconds * 1000) / 1000,
      // The engine's time over the matrix's alone, in the same run.
      engine_to_matrix: Math.round(seconds / matrixSeconds),
      rss_mb: Math.round(process.memoryUsage().rss / 1_048_576),
      // The target: 10 symbols × 50,000 candles in under 60 s.
      target_seconds_for_500k: 60,
      projected_seconds_for_500k: Math.round((500_000 / candles) * seconds),
    };
  } finally {
    await database.close();
  }
}
