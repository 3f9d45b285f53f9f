// `signals [--symbols A,B] [--candles FILE.csv [--timeframe TF] [--all]] [--json] [--output FILE]`: the
// signal matrix now (from the running services' Redis or database), or computed offline from a candle
// file. stdout carries only the rows (JSON is piped into other tools); refused symbols and failures go
// to stderr.
import { SystemClock } from '@hookline/core';
import type { Config, MatrixRow } from '@hookline/schemas';
import { writeOutputFile } from '../output-file.js';
import { liveMatrix } from '../signals/live-signals.js';
import { offlineMatrixRows } from '../signals/offline-signals.js';
import type { SignalsArguments } from '../signals/signals-arguments.js';
import { formatSignalsTable } from '../signals/signals-table.js';
import { SignalsUnavailableError } from '../signals/signals-unavailable-error.js';

/**
 * Prints the matrix rows; exit 0 when at least one row was printed, 1 when none could be (every
 * symbol refused, or the matrix unavailable: the reason is on stderr).
 */
export async function runSignalsCommand(request: SignalsArguments, config: Config): Promise<number> {
  try {
    const rows = await matrixRows(request, config);
    const text = request.json ? `${JSON.stringify(rows, null, 2)}\n` : formatSignalsTable(rows);
    if (request.output === undefined) process.stdout.write(text);
    else writeOutputFile(request.output, text, { count: rows.length, noun: 'matrix row' });
    return rows.length > 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof SignalsUnavailableError)) throw error;
    process.stderr.write(`hookline signals: ${error.message}\n`);
    return 1;
  }
}

async function matrixRows(request: SignalsArguments, config: Config): Promise<readonly MatrixRow[]> {
  if (request.candlesPath !== undefined) {
    const rows = offlineMatrixRows({ ...request, candlesPath: request.candlesPath }, config);
    if (rows.length === 0) process.stderr.write(`${request.candlesPath}: no candles in the file\n`);
    return rows;
  }
  const symbols = request.symbols ?? config.HOOKLINE_SIGHOOK_SYMBOLS;
  const matrix = await liveMatrix(config, symbols, new SystemClock().nowMs());
  for (const { symbol, refusal, detail } of matrix.refusals) {
    process.stderr.write(`${symbol}: refused (${refusal}): ${oneLine(detail)}\n`);
  }
  if (matrix.rows.length === 0) {
    process.stderr.write(`no usable matrix row in ${matrix.source} for ${symbols.join(', ')}\n`);
  }
  return matrix.rows;
}

// zod's pretty errors span several lines; one line per symbol keeps stderr greppable.
function oneLine(detail: string): string {
  return detail.replace(/\s*\n\s*/g, '; ');
}
