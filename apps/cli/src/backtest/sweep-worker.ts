// One backtest of a parameter sweep on a worker thread: its own throwaway database, the whole engine,
// and the report of the full period and of each half (the in-sample / out-of-sample check).
import { parentPort } from 'node:worker_threads';
import { reportJson } from '@hookline/backtest';
import { periodReport, reportOfRun, runBacktestEngine, runHalves } from '@hookline/backtester';
import { dec } from '@hookline/core';
import { type CandleTimeframe, candleTimeframeMs, parseCandleCsv } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { openThrowawayDatabase } from '../commands/replay.js';

/** What the main thread sends: one combination over the same candles. */
export interface SweepJob {
  readonly index: number;
  readonly env: Record<string, string | undefined>;
  readonly files: ReadonlyArray<{ readonly symbol: string; readonly text: string }>;
  readonly timeframe: CandleTimeframe;
  readonly fromMs: number | undefined;
  readonly toMs: number | undefined;
  readonly cash: string;
  /** The fill model, as text (a Decimal does not cross to a worker). */
  readonly maxVolumeShare: string | undefined;
  readonly latencyMs: number;
}

/** What comes back: the reports as their JSON text (exact, and cloneable). */
export interface SweepResult {
  readonly index: number;
  readonly full: string;
  readonly halves: readonly [string, string];
}

async function run(job: SweepJob): Promise<SweepResult> {
  const config = parseConfig(job.env);
  const cash = dec(job.cash);
  const timeframeMs = candleTimeframeMs[job.timeframe];
  const series = job.files.map((file) => ({
    symbol: file.symbol,
    rows: parseCandleCsv(file.text).filter((row) => job.toMs === undefined || row.timeMs <= job.toMs),
  }));
  const logger = createLogger({ level: 'error', format: 'json', service: 'backtest-sweep' }, process.stderr);
  const database = await openThrowawayDatabase();
  try {
    const result = await runBacktestEngine({
      database: database.database,
      series,
      timeframe: job.timeframe,
      config,
      logger,
      initialCash: cash,
      fromMs: job.fromMs,
      fillModel: {
        maxVolumeShare: job.maxVolumeShare === undefined ? undefined : dec(job.maxVolumeShare),
        latencyMs: job.latencyMs,
      },
    });
    const [first, second] = runHalves(result);
    return {
      index: job.index,
      full: reportJson(reportOfRun(result, cash, timeframeMs)),
      halves: [
        reportJson(periodReport(result, series, cash, timeframeMs, first)),
        reportJson(periodReport(result, series, cash, timeframeMs, second)),
      ],
    };
  } finally {
    await database.dispose();
  }
}

parentPort?.on('message', (job: SweepJob) => {
  run(job).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        ok: false,
        index: job.index,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
