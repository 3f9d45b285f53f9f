// One candle file per market and timeframe, as `signals --candles` and the backtest read them:
// `<dir>/<timeframe>/<BASE>-<QUOTE>.csv` (the folder holds the timeframe so that the file name stays
// the symbol `signals --candles` infers). Written by appending whole pages: what is there is never
// rewritten, so an interrupted download loses at most the page it was on.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HooklineError, toPlainString } from '@hookline/core';
import { type Candle, type CandleTimeframe, parseCandleCsv } from '@hookline/exchange';

export const CANDLE_HEADER = 'time,open,high,low,close,volume';

/** Where a market's candles of one timeframe are kept under `dir`. */
export function candleFilePath(dir: string, base: string, quote: string, timeframe: CandleTimeframe): string {
  return join(dir, timeframe, `${base}-${quote}.csv`);
}

/**
 * The open time of the file's last candle, or undefined when there is no file (or only a header).
 * A file that does not parse is refused with its path and line rather than appended to.
 */
export function lastCandleTime(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return parseCandleCsv(readFileSync(path, 'utf8')).at(-1)?.timeMs;
  } catch (error) {
    if (!(error instanceof HooklineError)) throw error;
    throw new HooklineError('INVALID_ARGUMENT', `${path}: ${error.message} (fix or remove the file)`, {
      cause: error,
    });
  }
}

/** Appends candles (oldest first) in one write, creating the file with its header if needed. */
export function appendCandles(path: string, candles: readonly Candle[]): void {
  if (candles.length === 0) return;
  const fresh = !existsSync(path);
  if (fresh) mkdirSync(dirname(path), { recursive: true });
  // A hand-edited file may lack its last newline: the first appended row must not join that line.
  const before = fresh ? `${CANDLE_HEADER}\n` : readFileSync(path, 'utf8').endsWith('\n') ? '' : '\n';
  appendFileSync(path, `${before}${candles.map(candleLine).join('\n')}\n`);
}

/** One row: the open time in ISO-8601 UTC, the values as plain decimals. */
export function candleLine(candle: Candle): string {
  const values = [candle.open, candle.high, candle.low, candle.close, candle.volume].map(toPlainString);
  return [isoTime(candle.openTime.getTime()), ...values].join(',');
}

/** `2025-01-01T00:00:00Z`. */
export function isoTime(timeMs: number): string {
  return new Date(timeMs).toISOString().replace('.000Z', 'Z');
}
