import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportJson } from '@hookline/backtest';
import { type BacktestRun, reportOfRun, runBacktestEngine } from '@hookline/backtester';
import { dec } from '@hookline/core';
import { candleTimeframeMs, parseCandleCsv } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openThrowawayDatabase } from '../src/commands/replay.js';
import { cleanEnvironment, repositoryRoot, runCli } from './support/run-cli.js';

// The shipped example series (hourly BTC-USD from 2025-01-01), cut to its first 30 days.
const candlesPath = join(repositoryRoot, 'examples/candles/1h/BTC-USD.csv');
const allRows = parseCandleCsv(readFileSync(candlesPath, 'utf8'));
const endMs = Date.parse('2025-01-31T00:00:00Z');
const cutMs = Date.parse('2025-01-16T00:00:00Z');
const hour = candleTimeframeMs['1h'];
const config = parseConfig({ MODE: 'paper' });
const logger = createLogger({ level: 'error', format: 'json', service: 'backtest-test' }, process.stderr);
const cash = dec('10000');

async function backtest(untilMs: number, soleWriter = true): Promise<BacktestRun> {
  const database = await openThrowawayDatabase();
  try {
    const rows = allRows.filter((row) => row.timeMs < untilMs);
    return await runBacktestEngine({
      database: database.database,
      series: [{ symbol: 'BTC-USD', rows }],
      timeframe: '1h',
      config,
      logger,
      initialCash: cash,
      soleWriter,
    });
  } finally {
    await database.dispose();
  }
}

describe('backtest engine', () => {
  let full: BacktestRun;
  let again: BacktestRun;
  let cut: BacktestRun;
  beforeAll(async () => {
    [full, again, cut] = [await backtest(endMs), await backtest(endMs, false), await backtest(cutMs)];
  }, 600_000);

  // The second run's sentinel reads back every sweep what it wrote, as the live one does: keeping it
  // in memory (the default, for speed) must not change a single trade.
  it('when the same candles are backtested twice, the second reading back every sweep, then the JSON reports are byte-identical and have trades', () => {
    const first = reportJson(reportOfRun(full, cash, hour));
    expect(reportJson(reportOfRun(again, cash, hour))).toBe(first);
    expect(full.trades.length).toBeGreaterThan(0);
    expect(JSON.parse(first).summary.trades).toBe(full.trades.length);
  });

  it('when the data is cut at T then every decision before T is the same as with the later data', () => {
    const before = (run: BacktestRun) =>
      run.decisions.filter((row) => Date.parse(row.computed_at) < cutMs).map((row) => JSON.stringify(row));
    expect(before(cut).length).toBeGreaterThan(0);
    expect(before(cut)).toEqual(before(full));
    // Entries decided before T are the same orders, and what was sold before T was sold alike.
    const entries = (run: BacktestRun) =>
      run.trades
        .filter((trade) => trade.entryTime.getTime() < cutMs)
        .map((trade) => [trade.entryTime.toISOString(), trade.entryPrice, trade.size]);
    expect(entries(cut)).toEqual(entries(full));
  });

  it('when a BUY is decided at a candle close then its order fills no earlier than the next candle', () => {
    const buys = full.decisions
      .filter((row) => row.action === 'BUY')
      .map((row) => Date.parse(row.computed_at));
    expect(full.trades.length).toBeGreaterThan(0);
    for (const trade of full.trades) {
      const entryMs = trade.entryTime.getTime();
      // The deciding row is the latest BUY whose candle closed at or before the fill.
      const decidedAt = Math.max(...buys.filter((closeMs) => closeMs <= entryMs));
      expect(entryMs).toBeGreaterThanOrEqual(decidedAt);
      const decidedCandle = allRows.find((row) => row.timeMs + hour === decidedAt);
      expect(decidedCandle, 'the deciding candle').toBeDefined();
      // The fill is at a price of a later candle: never inside the candle that decided it.
      expect(entryMs).toBeGreaterThanOrEqual((decidedCandle?.timeMs ?? 0) + hour);
    }
  });

  it('when a position was exited then a later BUY past the symbol cooldown enters again, on the virtual clock', () => {
    const cooldownMs = config.HOOKLINE_RISK_SYMBOL_COOLDOWN_MS;
    const reentries = full.trades.filter((trade, index) =>
      full.trades
        .slice(0, index)
        .some(
          (earlier) =>
            earlier.exitTime !== null && trade.entryTime.getTime() >= earlier.exitTime.getTime() + cooldownMs,
        ),
    );
    expect(reentries.length).toBeGreaterThan(0);
  });

  it('when the report is made then every trade has an exit reason and the equity curve has one point per candle', () => {
    const report = reportOfRun(full, cash, hour);
    expect(report.trades.every((trade) => trade.exitReason !== null)).toBe(true);
    expect(full.equity).toHaveLength(allRows.filter((row) => row.timeMs < endMs).length);
  });
});

describe('backtest command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hookline-backtest-'));
  });
  afterAll(() => undefined);

  it('when a candle file has a gap and a high below its low then it exits 2 naming the file and lines, and nothing runs', async () => {
    const lines = readFileSync(candlesPath, 'utf8').split('\n').slice(0, 200);
    lines.splice(60, 1); // a missing hour
    const [time, open, , , close, volume] = (lines[100] ?? '').split(',');
    lines[100] = [time, open, '1', '2', close, volume].join(',');
    const path = join(dir, 'BTC-USD.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const result = await runCli(['backtest', '--candles', path, '--timeframe', '1h'], cleanEnvironment({}));
    expect(result.code).toBe(2);
    expect(result.output).toContain('nothing ran: the candles failed validation');
    expect(result.output).toMatch(new RegExp(`${path}.*line 61`));
    expect(result.output).toMatch(new RegExp(`${path}.*line 101`));
    expect(result.output).not.toContain('Backtest summary');
  }, 120_000);

  it('when --from is after --to then it is refused with exit 2 before anything runs', async () => {
    const result = await runCli(
      ['backtest', '--candles', candlesPath, '--from', '2025-02-01', '--to', '2025-01-01'],
      cleanEnvironment({}),
    );
    expect(result.code).toBe(2);
    expect(result.output).toContain('--from must be before --to');
  }, 60_000);

  it('when the README example runs then it prints the summary, the exit-reason and symbol tables', async () => {
    const result = await runCli(
      ['backtest', '--candles', candlesPath, '--to', '2025-01-20', '--json'],
      cleanEnvironment({}),
    );
    expect(result.code, result.output).toBe(0);
    const json = JSON.parse(result.output.slice(result.output.indexOf('{')));
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['summary', 'trades', 'byExitReason', 'bySymbol', 'equityCurve']),
    );
    expect(json.summary).toHaveProperty('sharpe');
  }, 300_000);
});
