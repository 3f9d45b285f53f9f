import { HooklineError } from '@hookline/core';
import {
  type Candle,
  type CandleRow,
  type CandleTimeframe,
  candleTimeframeMs,
  candleTimeframes,
  parseCandleCsv,
} from '@hookline/exchange';
import type { MatrixRow } from '@hookline/schemas';
import { IndicatorSet } from '../indicators/indicator-set.js';
import { computeMatrixRow } from './matrix-row.js';
import type { MatrixSettings } from './matrix-settings.js';

/** Options of an offline matrix computation. */
export interface CandleCsvMatrixOptions {
  readonly symbol: string;
  /** Candle length; omitted = inferred from the smallest gap between two candles of the file. */
  readonly timeframe?: CandleTimeframe;
  readonly settings: MatrixSettings;
  /**
   * 'last' (default): only the row of the file's last candle, i.e. "the matrix now" as of the file's
   * end, which is what `signals --candles FILE.csv --json` prints. 'all': one row per candle, warm-up
   * rows included (nulls, HOLD), for `signals --candles FILE.csv --all --json`.
   */
  readonly rows?: 'last' | 'all';
}

/**
 * The matrix computed from a candle CSV (`time,open,high,low,close,volume`) exactly as the live service
 * would compute it candle by candle. Deterministic: each row's `computed_at` is its candle's close time
 * (open + timeframe), never the clock. A bad line is an error naming the line; an empty file gives [].
 */
export function computeMatrixFromCandleCsv(csvText: string, options: CandleCsvMatrixOptions): MatrixRow[] {
  return computeMatrixFromCandles(parseCandleCsv(csvText), options);
}

/**
 * The matrix of parsed candles (oldest first), candle by candle as the live service computes it: the
 * row of candle i sees candles 0…i only (the indicators are updated one closed candle at a time).
 */
export function computeMatrixFromCandles(
  candleRows: readonly CandleRow[],
  options: CandleCsvMatrixOptions,
): MatrixRow[] {
  if (candleRows.length === 0) return [];
  const timeframe = options.timeframe ?? inferCandleTimeframe(candleRows);
  const lengthMs = candleTimeframeMs[timeframe];
  const set = new IndicatorSet(options.settings.periods);
  const rows: MatrixRow[] = [];
  for (const [index, row] of candleRows.entries()) {
    addCandle(set, row, index + 2);
    if (options.rows === 'all' || index === candleRows.length - 1) {
      const snapshot = set.snapshot();
      rows.push(
        computeMatrixRow(options.symbol, timeframe, snapshot, options.settings, row.timeMs + lengthMs),
      );
    }
  }
  return rows;
}

/** The timeframe whose length equals the smallest gap between consecutive candles. */
export function inferCandleTimeframe(rows: readonly Pick<CandleRow, 'timeMs'>[]): CandleTimeframe {
  let gap = Number.POSITIVE_INFINITY;
  for (let index = 1; index < rows.length; index++) {
    const step = (rows[index]?.timeMs ?? 0) - (rows[index - 1]?.timeMs ?? 0);
    if (step > 0 && step < gap) gap = step;
  }
  const match = candleTimeframes.find((timeframe) => candleTimeframeMs[timeframe] === gap);
  if (match === undefined) {
    throw new HooklineError(
      'INVALID_ARGUMENT',
      `cannot tell the candle length from the file (smallest gap ${Number.isFinite(gap) ? `${gap} ms` : 'none'}); give the timeframe (${candleTimeframes.join(', ')})`,
    );
  }
  return match;
}

// parseCandleCsv accepts two rows with the same time; the indicator set refuses the second, and the
// user needs to know which line of the file that was.
function addCandle(set: IndicatorSet, row: CandleRow, line: number): void {
  const candle: Candle = {
    openTime: new Date(row.timeMs),
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
  };
  try {
    set.update(candle);
  } catch (error) {
    throw new HooklineError('INVALID_ARGUMENT', `line ${line}: candle time repeats the previous line`, {
      context: { line },
      cause: error,
    });
  }
}
