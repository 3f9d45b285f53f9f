// `signals --candles FILE.csv`: the matrix computed from a candle file, exactly as sighook computes it
// live, with the settings of the environment. Needs no database, Redis or exchange.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { HooklineError } from '@hookline/core';
import { type CandleTimeframe, candleTimeframes, parseCandleCsv } from '@hookline/exchange';
import type { Config, MatrixRow } from '@hookline/schemas';
import {
  computeMatrixFromCandleCsv,
  inferCandleTimeframe,
  matrixSettingsFromConfig,
} from '@hookline/sighook';
import { SignalsUnavailableError } from './signals-unavailable-error.js';

/** What the offline computation needs. */
export interface OfflineSignalsRequest {
  readonly candlesPath: string;
  readonly symbols: readonly string[] | undefined;
  /** The candle length; undefined: inferred from the smallest gap between two candles. */
  readonly timeframe: CandleTimeframe | undefined;
  readonly all: boolean;
}

/**
 * The matrix rows of a candle file (`time,open,high,low,close,volume`): the last candle's row, or
 * every row with `all`. A bad line is reported with the file and the line.
 */
export function offlineMatrixRows(request: OfflineSignalsRequest, config: Config): MatrixRow[] {
  const text = readCandleFile(request.candlesPath);
  const symbol = request.symbols?.[0] ?? symbolFromFileName(request.candlesPath);
  const settings = matrixSettingsFromConfig(config);
  try {
    return computeMatrixFromCandleCsv(text, {
      symbol,
      timeframe: request.timeframe ?? inferredTimeframe(text, request.candlesPath),
      settings,
      rows: request.all ? 'all' : 'last',
    });
  } catch (error) {
    if (error instanceof HooklineError) {
      throw new SignalsUnavailableError(`${request.candlesPath}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/**
 * The candle length of a file given without --timeframe: the smallest gap between two candles. A file
 * of one candle (or with gaps that are no candle length) cannot tell; the message says which flag can.
 */
function inferredTimeframe(text: string, path: string): CandleTimeframe | undefined {
  const rows = parseCandleCsv(text);
  if (rows.length === 0) return undefined;
  try {
    return inferCandleTimeframe(rows);
  } catch {
    const why =
      rows.length === 1 ? 'it holds a single candle' : 'no gap between two candles is a candle length';
    throw new SignalsUnavailableError(
      `${path}: cannot tell the candle length (${why}); give it with --timeframe ${candleTimeframes.join('|')}`,
    );
  }
}

/**
 * The symbol a file stands for when --symbols is not given: its name without the extension,
 * upper-cased (`btc-usd.csv` → `BTC-USD`). A file name cannot hold the `/` of `BTC/USD`.
 */
export function symbolFromFileName(path: string): string {
  return basename(path, extname(path)).toUpperCase();
}

function readCandleFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SignalsUnavailableError(`--candles ${path}: cannot read the file (${code})`);
  }
}
