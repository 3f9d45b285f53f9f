// The candle files of a backtest: one file, or every `.csv` of a directory, one symbol per file (from
// --symbols, else the file name: `btc-usd.csv`, `BTC-USD-1h.csv` → BTC-USD). Every file is validated
// (validateCandles: gaps, duplicate or unsorted times, bad prices, too few candles to warm up) before
// anything runs; every problem names its file and line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { BacktestSeries } from '@hookline/backtester';
import { HooklineError } from '@hookline/core';
import {
  type CandleRow,
  type CandleTimeframe,
  candleTimeframeMs,
  candleTimeframes,
  readCandleCsv,
  validateCandles,
} from '@hookline/exchange';
import { inferCandleTimeframe } from '@hookline/sighook';
import { UsageError } from '../usage.js';

/** A candle file read and parsed. */
export interface CandleFile {
  readonly path: string;
  readonly symbol: string;
  readonly text: string;
  readonly rows: readonly CandleRow[];
}

/** Every candle file of `--candles` (a file or a directory), with its symbol. */
export function readCandleFiles(candles: string, symbols: readonly string[] | undefined): CandleFile[] {
  const paths = candlePaths(candles);
  if (symbols !== undefined && paths.length === 1 && symbols.length !== 1)
    throw new UsageError(`--symbols names ${symbols.length} symbols for one candle file`);
  const named = paths.map((path) => ({
    path,
    symbol: paths.length === 1 && symbols?.[0] ? symbols[0] : symbolOfFile(path),
  }));
  const chosen =
    symbols === undefined || paths.length === 1
      ? named
      : named.filter((file) => symbols.some((symbol) => sameSymbol(symbol, file.symbol)));
  if (chosen.length === 0)
    throw new UsageError(`no candle file in ${candles} for ${symbols?.join(', ') ?? 'any symbol'}`);
  return chosen.map(({ path, symbol }) => {
    const text = readText(path);
    return { path, symbol, text, rows: parseFile(text) };
  });
}

/** The files' candles once each file passed validation; one error lists every file's problems. */
export function validatedSeries(
  files: readonly CandleFile[],
  timeframe: CandleTimeframe,
  warmupCandles: number,
): CandleFile[] {
  const problems: string[] = [];
  const checked = files.flatMap((file) => {
    try {
      const rows = validateCandles(file.text, {
        file: file.path,
        timeframeMs: candleTimeframeMs[timeframe],
        warmupCandles,
      });
      return [{ ...file, rows }];
    } catch (error) {
      if (!(error instanceof HooklineError)) throw error;
      problems.push(error.message);
      return [];
    }
  });
  if (problems.length > 0)
    throw new UsageError(`nothing ran: the candles failed validation\n${problems.join('\n')}`);
  return checked;
}

/** The candle length: --timeframe, else inferred from the files (all must agree). */
export function timeframeOf(
  files: readonly CandleFile[],
  given: CandleTimeframe | undefined,
): CandleTimeframe {
  if (given !== undefined) return given;
  const inferred = new Set<CandleTimeframe>();
  for (const file of files) {
    try {
      inferred.add(inferCandleTimeframe(file.rows));
    } catch {
      throw new UsageError(
        `${file.path}: cannot tell the candle length; give it with --timeframe ${candleTimeframes.join('|')}`,
      );
    }
  }
  if (inferred.size > 1)
    throw new UsageError(`the files have different candle lengths (${[...inferred].join(', ')})`);
  return [...inferred][0] ?? '1h';
}

/** The series the engine runs on, cut at `toMs` (no candle opening after it). */
export function seriesOf(files: readonly CandleFile[], toMs: number | undefined): BacktestSeries[] {
  return files.map((file) => ({
    symbol: file.symbol,
    rows: toMs === undefined ? file.rows : file.rows.filter((row) => row.timeMs <= toMs),
  }));
}

function candlePaths(candles: string): string[] {
  let directory: boolean;
  try {
    directory = statSync(candles).isDirectory();
  } catch (error) {
    throw new UsageError(
      `--candles ${candles}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  if (!directory) return [candles];
  const files = readdirSync(candles)
    .filter((name) => name.toLowerCase().endsWith('.csv'))
    .sort()
    .map((name) => join(candles, name));
  if (files.length === 0) throw new UsageError(`--candles ${candles}: the directory has no .csv file`);
  return files;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
}

// The good rows only, for inferring the candle length: validatedSeries reports every bad one.
function parseFile(text: string): CandleRow[] {
  try {
    return [...readCandleCsv(text).rows];
  } catch {
    return [];
  }
}

const timeframeSuffix = new RegExp(`[-_.](${candleTimeframes.join('|')})$`, 'i');

/** `btc-usd.csv` → `BTC-USD`; a trailing timeframe (`BTC-USD-1h.csv`) is not part of the symbol. */
export function symbolOfFile(path: string): string {
  return basename(path, extname(path)).replace(timeframeSuffix, '').toUpperCase();
}

function sameSymbol(a: string, b: string): boolean {
  const plain = (symbol: string) => symbol.toUpperCase().replace(/[-/_]/g, '');
  return plain(a) === plain(b);
}
