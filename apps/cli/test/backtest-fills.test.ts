import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportJson } from '@hookline/backtest';
import {
  type BacktestFillModel,
  type BacktestRun,
  reportOfRun,
  runBacktestEngine,
} from '@hookline/backtester';
import { type Decimal, dec } from '@hookline/core';
import { candleTimeframeMs, parseCandleCsv } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { type FillRecord, listFills, storeOf } from '@hookline/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { openThrowawayDatabase } from '../src/commands/replay.js';
import { cleanEnvironment, repositoryRoot, runCli } from './support/run-cli.js';

// The shipped hourly BTC-USD series, its first 20 days, trading from the 3rd: its first entry's
// limit is met again in later candles, a short run.
const candlesPath = join(repositoryRoot, 'examples/candles/1h/BTC-USD.csv');
const endMs = Date.parse('2025-01-21T00:00:00Z');
const fromMs = Date.parse('2025-01-03T00:00:00Z');
const rows = parseCandleCsv(readFileSync(candlesPath, 'utf8')).filter((row) => row.timeMs < endMs);
const hour = candleTimeframeMs['1h'];
const quarter = hour / 4;
// An entry rests until it is filled (a day at most), so its remainder can meet later candles.
const config = parseConfig({ MODE: 'paper', HOOKLINE_ENTRY_TIMEOUT_MS: '86400000' });
const logger = createLogger({ level: 'error', format: 'json', service: 'backtest-test' }, process.stderr);
const cash = dec('10000');
// About a fortieth of an entry of 100 USD per candle of ~15 BTC: each entry needs several candles.
const smallShare = dec('0.00005');

interface FillRun {
  readonly run: BacktestRun;
  readonly fills: readonly FillRecord[];
  readonly json: string;
}

async function backtest(fillModel: BacktestFillModel): Promise<FillRun> {
  const database = await openThrowawayDatabase();
  try {
    const run = await runBacktestEngine({
      database: database.database,
      series: [{ symbol: 'BTC-USD', rows }],
      timeframe: '1h',
      config,
      logger,
      initialCash: cash,
      fromMs,
      fillModel,
    });
    const fills = await listFills(storeOf(database.database), { account: 'backtest', limit: 100_000 });
    return { run, fills, json: reportJson(reportOfRun(run, cash, hour)) };
  } finally {
    await database.dispose();
  }
}

const candleOf = (timeMs: number) => Math.floor(timeMs / hour) * hour;

/** The buy fills of each entry order (its trade record). */
function entryFills(result: FillRun): Map<string, FillRecord[]> {
  const byEntry = new Map<string, FillRecord[]>();
  for (const fill of result.fills) {
    if (fill.side !== 'buy' || fill.tradeRecordId === null) continue;
    byEntry.set(fill.tradeRecordId, [...(byEntry.get(fill.tradeRecordId) ?? []), fill]);
  }
  return byEntry;
}

/** The latest BUY decision at or before each entry's first fill, and that fill's time. */
function entryDelays(run: BacktestRun): number[] {
  const buys = run.decisions.filter((row) => row.action === 'BUY').map((row) => Date.parse(row.computed_at));
  return run.trades.map((trade) => {
    const entryMs = trade.entryTime.getTime();
    return entryMs - Math.max(...buys.filter((decidedMs) => decidedMs <= entryMs));
  });
}

describe('backtest fill model', () => {
  const runs = new Map<string, FillRun>();
  const runOf = (name: string): FillRun => {
    const result = runs.get(name);
    if (result === undefined) throw new Error(`no run ${name}`);
    return result;
  };
  beforeAll(async () => {
    const models: Array<[string, BacktestFillModel]> = [
      ['default', { maxVolumeShare: dec('0.1'), latencyMs: 0 }],
      ['small share', { maxVolumeShare: smallShare, latencyMs: 0 }],
      ['small share again', { maxVolumeShare: smallShare, latencyMs: 0 }],
      ['latency 1 s', { maxVolumeShare: dec('0.1'), latencyMs: 1_000 }],
      ['latency 30 min', { maxVolumeShare: dec('0.1'), latencyMs: 1_800_000 }],
    ];
    for (const [name, model] of models) runs.set(name, await backtest(model));
  }, 900_000);

  it.each([
    { run: 'default', share: dec('0.1'), severalCandles: false },
    { run: 'small share', share: smallShare, severalCandles: true },
  ])(
    'when entries meet a volume share of $share then the ledger has one fill per part, none above the share of its candle, spread over several candles: $severalCandles',
    ({ run, share, severalCandles }) => {
      const result = runOf(run);
      const entries = entryFills(result);
      expect(entries.size).toBeGreaterThan(0);
      const spread = [...entries.values()].filter(
        (fills) => new Set(fills.map((fill) => candleOf(fill.executedAt.getTime()))).size > 1,
      );
      expect(spread.length > 0).toBe(severalCandles);
      // Every fill of the run (buys and sells) within the share of its candle's volume.
      const takenByCandle = new Map<number, Decimal>();
      for (const fill of result.fills) {
        const candle = candleOf(fill.executedAt.getTime());
        takenByCandle.set(candle, (takenByCandle.get(candle) ?? dec(0)).plus(fill.size));
      }
      for (const [candle, taken] of takenByCandle) {
        const volume = rows.find((row) => row.timeMs === candle)?.volume ?? dec(0);
        expect(taken.lessThanOrEqualTo(volume.times(share)), new Date(candle).toISOString()).toBe(true);
      }
      // Each trade's size is the sum of its entry order's fills: the partial fills went through the ledger.
      for (const trade of result.run.trades) {
        const total = (entries.get(trade.entryOrderId) ?? []).reduce(
          (sum, fill) => sum.plus(fill.size),
          dec(0),
        );
        expect(total.toString()).toBe(dec(trade.size).toString());
      }
    },
  );

  // An entry is a limit at the ask of its decision: on the low-first path it crosses at the open or
  // the low; at the high only when the high is the open, so a latency of two quarters may wait three.
  it.each([
    { run: 'default', earliestMs: 0, atEarliest: true },
    { run: 'latency 1 s', earliestMs: quarter, atEarliest: true },
    { run: 'latency 30 min', earliestMs: 2 * quarter, atEarliest: false },
  ])(
    'when the run is $run then no entry fills sooner than $earliestMs ms after its decision',
    ({ run, earliestMs, atEarliest }) => {
      const delays = entryDelays(runOf(run).run);
      expect(delays.length).toBeGreaterThan(0);
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(earliestMs);
      if (atEarliest) expect(Math.min(...delays)).toBe(earliestMs);
    },
  );

  it('when the same candles are backtested twice with a volume cap then the JSON reports are byte-identical', () => {
    expect(runOf('small share again').json).toBe(runOf('small share').json);
    expect(runOf('small share').run.trades.length).toBeGreaterThan(0);
  });
});

describe('backtest fill options', () => {
  it.each([
    {
      flags: ['--max-volume-share', '0'],
      message: '--max-volume-share "0" must be a share above 0 and at most 1',
    },
    {
      flags: ['--max-volume-share', '1.5'],
      message: '--max-volume-share "1.5" must be a share above 0 and at most 1',
    },
    {
      flags: ['--max-volume-share', 'ten'],
      message: '--max-volume-share "ten" must be a share above 0 and at most 1',
    },
    {
      flags: ['--latency-ms', '-5'],
      message: '--latency-ms "-5" must be whole milliseconds from 0 to 86400000',
    },
    {
      flags: ['--latency-ms', '2.5'],
      message: '--latency-ms "2.5" must be whole milliseconds from 0 to 86400000',
    },
  ])(
    'when the flags are $flags then it exits 2 naming the flag before anything runs',
    async ({ flags, message }) => {
      const result = await runCli(['backtest', '--candles', candlesPath, ...flags], cleanEnvironment({}));
      expect(result.code).toBe(2);
      expect(result.output).toContain(message);
      expect(result.output).not.toContain('Backtest summary');
    },
    60_000,
  );
});
