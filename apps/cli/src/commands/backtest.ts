// `backtest --candles FILE.csv|DIR`: the strategy (the matrix's indicators, weights and thresholds, the
// risk limits, stops and exits of the environment or --env FILE) run over historical candles with the
// code that trades live, in a throwaway embedded database; prints the report (text, or --json).
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { reportJson, reportText } from '@hookline/backtest';
import {
  type BacktestFillModel,
  defaultFillModel,
  reportOfRun,
  runBacktestEngine,
} from '@hookline/backtester';
import { dec } from '@hookline/core';
import { type CandleTimeframe, candleTimeframeMs, candleTimeframes } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { type Config, parseConfig } from '@hookline/schemas';
import { matrixSettingsFromConfig, warmUpCandles } from '@hookline/sighook';
import { backtestHtml } from '../backtest/backtest-html.js';
import { readCandleFiles, seriesOf, timeframeOf, validatedSeries } from '../backtest/backtest-input.js';
import {
  RANK_METRICS,
  type RankMetric,
  rankSweep,
  runSweepJobs,
  sweepText,
} from '../backtest/backtest-sweep.js';
import { sweepGrid } from '../backtest/sweep-grid.js';
import { writeOutputFile } from '../output-file.js';
import { UsageError } from '../usage.js';
import { openThrowawayDatabase } from './replay.js';

/** Options of `backtest`, as given on the command line. */
export interface BacktestOptions {
  readonly candles?: string;
  readonly symbols?: readonly string[];
  readonly timeframe?: string;
  readonly from?: string;
  readonly to?: string;
  readonly cash?: string;
  readonly env?: string;
  readonly json?: boolean;
  readonly output?: string;
  readonly html?: string;
  readonly sweep?: readonly string[];
  readonly rank?: string;
  readonly maxVolumeShare?: string;
  readonly latencyMs?: string;
}

/** Runs the backtest and prints its report; 0 on success. */
export async function runBacktestCommand(options: BacktestOptions, environment: Config): Promise<number> {
  if (options.candles === undefined)
    throw new UsageError('backtest needs --candles FILE.csv or DIR (time,open,high,low,close,volume)');
  const env = options.env === undefined ? undefined : envFileOver(options.env);
  const config = env === undefined ? environment : parseConfig(env);
  const grid = options.sweep === undefined ? undefined : sweepGrid(options.sweep, env ?? process.env);
  const rankBy = rankOption(options.rank, grid !== undefined);
  const symbols = options.symbols?.flatMap((value) => value.split(',')).map((symbol) => symbol.trim());
  const fromMs = timeOption(options.from, '--from');
  const toMs = timeOption(options.to, '--to');
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs)
    throw new UsageError('--from must be before --to');
  const cash = cashOption(options.cash);
  const fillModel = fillModelOption(options.maxVolumeShare, options.latencyMs);
  const files = readCandleFiles(
    options.candles,
    symbols?.filter((symbol) => symbol !== ''),
  );
  const timeframe = timeframeOf(files, timeframeOption(options.timeframe));
  const warmup = warmUpCandles(matrixSettingsFromConfig(config).periods);
  const validated = validatedSeries(files, timeframe, warmup);
  if (grid !== undefined) {
    const base = env ?? process.env;
    const jobs = grid.map((setting, index) => ({
      index,
      env: { ...base, ...Object.fromEntries(setting) },
      files: validated.map((file) => ({ symbol: file.symbol, text: file.text })),
      timeframe,
      fromMs,
      toMs,
      cash: cash.toString(),
      maxVolumeShare: fillModel.maxVolumeShare?.toString(),
      latencyMs: fillModel.latencyMs,
    }));
    const ranking = rankSweep(grid, await runSweepJobs(jobs), rankBy);
    const text = options.json ? `${JSON.stringify(ranking, null, 2)}\n` : sweepText(ranking);
    if (options.output) writeOutputFile(options.output, text, { count: grid.length, noun: 'setting' });
    else process.stdout.write(text);
    if (ranking.warning && options.json) process.stderr.write(`warning: ${ranking.warning}\n`);
    return 0;
  }
  const series = seriesOf(validated, toMs);
  // The services log every order and exit at info: over a year of candles that buries the report on
  // stderr, so the default level becomes warn (an explicit debug or error is kept).
  const logger = createLogger(
    {
      level: config.HOOKLINE_LOG_LEVEL === 'info' ? 'warn' : config.HOOKLINE_LOG_LEVEL,
      format: config.HOOKLINE_LOG_FORMAT,
      service: 'backtest',
    },
    process.stderr,
  );
  const database = await openThrowawayDatabase();
  try {
    const run = await runBacktestEngine({
      database: database.database,
      series,
      timeframe,
      config,
      logger,
      initialCash: cash,
      fromMs,
      fillModel,
    });
    const report = reportOfRun(run, cash, candleTimeframeMs[timeframe]);
    const text = options.json ? reportJson(report) : reportText(report);
    if (options.html !== undefined) {
      const page = backtestHtml(report, series, run.symbols, config, fromMs, run.trailingStops);
      writeOutputFile(options.html, page, { count: report.trades.length, noun: 'trade' });
    }
    if (options.output) writeOutputFile(options.output, text, { count: report.trades.length, noun: 'trade' });
    else process.stdout.write(text);
    return 0;
  } finally {
    await database.dispose();
  }
}

function envFileOver(path: string): Record<string, string | undefined> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--env ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  return { ...process.env, ...parseEnv(text) };
}

function rankOption(value: string | undefined, sweeping: boolean): RankMetric {
  if (value !== undefined && !sweeping) throw new UsageError('--rank needs --sweep KEY=v1,v2');
  const metric = RANK_METRICS.find((name) => name === (value ?? 'sharpe'));
  if (metric === undefined) throw new UsageError(`--rank must be one of ${RANK_METRICS.join(', ')}`);
  return metric;
}

function timeOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const ms = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`${flag} "${value}" is not a date (2024-01-31, or ISO-8601 with Z or an offset)`);
  return ms;
}

function timeframeOption(value: string | undefined): CandleTimeframe | undefined {
  if (value === undefined) return undefined;
  const match = candleTimeframes.find((timeframe) => timeframe === value);
  if (match === undefined) throw new UsageError(`--timeframe must be one of ${candleTimeframes.join(', ')}`);
  return match;
}

function cashOption(value: string | undefined) {
  const text = value ?? '10000';
  if (!/^\d+(\.\d+)?$/.test(text) || dec(text).isZero())
    throw new UsageError(`--cash "${text}" is not a positive USD amount`);
  return dec(text);
}

// Latency up to a day: more is not an order on its way but a different strategy.
const maxLatencyMs = 86_400_000;

function fillModelOption(share: string | undefined, latency: string | undefined): BacktestFillModel {
  let maxVolumeShare = defaultFillModel.maxVolumeShare;
  if (share === 'none') maxVolumeShare = undefined;
  else if (share !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(share) || dec(share).isZero() || dec(share).greaterThan(1))
      throw new UsageError(`--max-volume-share "${share}" must be a share above 0 and at most 1 (or none)`);
    maxVolumeShare = dec(share);
  }
  let latencyMs = defaultFillModel.latencyMs;
  if (latency !== undefined) {
    if (!/^\d+$/.test(latency) || Number(latency) > maxLatencyMs)
      throw new UsageError(`--latency-ms "${latency}" must be whole milliseconds from 0 to ${maxLatencyMs}`);
    latencyMs = Number(latency);
  }
  return { maxVolumeShare, latencyMs };
}
