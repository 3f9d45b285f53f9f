import { HooklineError } from '@hookline/core';
import { type CandleRow, FileProblem, listProblems, readCandleCsv } from './replay-files.js';

/** What a backtest's candle file is checked against. */
export interface CandleValidationOptions {
  /** Named in every problem (the path as the user gave it). */
  readonly file: string;
  /** The candle length: a longer step between two rows is a gap. */
  readonly timeframeMs: number;
  /** Candles the indicators need before their first value (from the caller's settings). */
  readonly warmupCandles: number;
}

/** One problem of a candle series; `line` is undefined for the file as a whole. */
export interface CandleProblem {
  readonly line: number | undefined;
  readonly detail: string;
}

/**
 * The candles of a file a backtest may run on, or one error listing every problem with the file
 * and line (the first 100, then a count): the parser's (columns, decimals, high and low against open
 * and close, so high below low) and the series' (gaps, duplicate and unsorted times, prices at or
 * below zero, negative volume, too few candles to warm up). Nothing is returned unless all is good.
 */
export function validateCandles(text: string, options: CandleValidationOptions): CandleRow[] {
  let read: ReturnType<typeof readCandleCsv>;
  try {
    read = readCandleCsv(text);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    throw new HooklineError('INVALID_ARGUMENT', `${options.file}: ${error.detail}`, { cause: error });
  }
  const badLines = read.problems.map((problem) => problem.line);
  const problems = [...read.problems, ...candleProblems(read.rows, read.lines, options, badLines)];
  if (problems.length === 0) return [...read.rows];
  const ordered = [...problems].sort(
    (left, right) => (left.line ?? Number.MAX_SAFE_INTEGER) - (right.line ?? Number.MAX_SAFE_INTEGER),
  );
  const listed = ordered.map(({ line, detail }) =>
    line === undefined ? `${options.file}: ${detail}` : `${options.file} ${detail}`,
  );
  throw new HooklineError('INVALID_ARGUMENT', `${options.file}: ${listProblems(listed, 'problem')}`);
}

/**
 * The series checks over parsed rows (`lines[i]` is the line of `rows[i]`). A step across a line
 * the parser refused (`badLines`) is not called a gap: the refused row may be the missing candle.
 */
export function candleProblems(
  rows: readonly CandleRow[],
  lines: readonly number[],
  options: Omit<CandleValidationOptions, 'file'>,
  badLines: readonly number[] = [],
): CandleProblem[] {
  const problems: CandleProblem[] = [];
  const seen = new Map<number, number>();
  let latest: { timeMs: number; line: number } | undefined;
  rows.forEach((row, index) => {
    const line = lines[index] ?? index + 2;
    const at = (detail: string) => problems.push({ line, detail: `line ${line}: ${detail}` });
    for (const column of ['open', 'high', 'low', 'close'] as const) {
      if (!row[column].greaterThan(0)) at(`${column} must be above 0, found ${row[column].toString()}`);
    }
    if (row.volume.lessThan(0)) at(`volume must not be negative, found ${row.volume.toString()}`);
    const earlier = seen.get(row.timeMs);
    if (earlier !== undefined) {
      at(`duplicate time ${iso(row.timeMs)} (also on line ${earlier})`);
      return;
    }
    seen.set(row.timeMs, line);
    if (latest !== undefined && row.timeMs < latest.timeMs) {
      at(
        `time ${iso(row.timeMs)} is before line ${latest.line}'s ${iso(latest.timeMs)}: rows must be sorted`,
      );
      return;
    }
    const previous = latest;
    latest = { timeMs: row.timeMs, line };
    if (previous === undefined || badLines.some((bad) => bad > previous.line && bad < line)) return;
    const step = row.timeMs - previous.timeMs;
    if (step % options.timeframeMs !== 0) {
      at(
        `time ${iso(row.timeMs)} is ${duration(step)} after line ${previous.line}: not a whole ` +
          `number of ${duration(options.timeframeMs)} candles`,
      );
    } else if (step > options.timeframeMs) {
      const missing = step / options.timeframeMs - 1;
      const from = iso(previous.timeMs + options.timeframeMs);
      const to = iso(row.timeMs - options.timeframeMs);
      at(
        `gap: ${missing} candle${missing === 1 ? '' : 's'} missing from ${from} to ${to} (after line ${previous.line})`,
      );
    }
  });
  if (seen.size < options.warmupCandles) {
    problems.push({
      line: undefined,
      detail: `${seen.size} candles, too few: the indicators need ${options.warmupCandles} to warm up`,
    });
  }
  return problems;
}

function iso(timeMs: number): string {
  return new Date(timeMs).toISOString().replace('.000Z', 'Z');
}

/** A length as the largest whole unit (`1h`, `90m`, `1d`), else milliseconds. */
function duration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ];
  for (const [unit, size] of units) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
