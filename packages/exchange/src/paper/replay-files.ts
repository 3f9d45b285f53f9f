import { type Decimal, dec, HooklineError, max, min } from '@hookline/core';
import { parse } from 'csv-parse/sync';

/** One row of a candle file (`time,open,high,low,close,volume`). */
export interface CandleRow {
  readonly timeMs: number;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  readonly volume: Decimal;
}

/** One row of a tick file (`time,symbol,bid,ask`). */
export interface TickRow {
  readonly timeMs: number;
  readonly symbol: string;
  readonly bid: Decimal;
  readonly ask: Decimal;
}

/** Parses a candle CSV; a bad row is an error naming its line, never a silently skipped candle. */
export function parseCandleCsv(text: string): CandleRow[] {
  return orderedRows(readCandleCsv(text));
}

/**
 * Reads a candle CSV without refusing it: the good rows with their lines, and every bad row's
 * problem (the validation of a backtest's candles adds its own checks to these).
 */
export function readCandleCsv(text: string): ReadRows<CandleRow> {
  return readRows(text, ['time', 'open', 'high', 'low', 'close', 'volume'], (cells, line) => {
    const [time = '', open = '', high = '', low = '', close = '', volume = ''] = cells;
    const row = {
      timeMs: parseTime(time, line),
      open: parseDecimal(open, 'open', line),
      high: parseDecimal(high, 'high', line),
      low: parseDecimal(low, 'low', line),
      close: parseDecimal(close, 'close', line),
      volume: parseDecimal(volume, 'volume', line),
    };
    const top = max(row.open, row.close);
    const bottom = min(row.open, row.close);
    if (row.high.lessThan(top) || row.low.greaterThan(bottom)) {
      throw fileError(`line ${line}: high must be ≥ open and close, low ≤ open and close`, line);
    }
    return row;
  });
}

/** Parses a tick CSV. */
export function parseTickCsv(text: string): TickRow[] {
  return parseRows(text, ['time', 'symbol', 'bid', 'ask'], (cells, line) => {
    const [time = '', symbol = '', bid = '', ask = ''] = cells;
    const row = {
      timeMs: parseTime(time, line),
      symbol,
      bid: parseDecimal(bid, 'bid', line),
      ask: parseDecimal(ask, 'ask', line),
    };
    if (!row.ask.greaterThan(row.bid)) throw fileError(`line ${line}: ask must be above bid`, line);
    return row;
  });
}

/** One row of an entry file for the replay command (`time,symbol,quantity`). */
export interface EntryRow {
  readonly timeMs: number;
  readonly symbol: string;
  readonly quantity: Decimal;
}

/** Parses an entry CSV; the quantity (base units) must be positive. */
export function parseEntryCsv(text: string): EntryRow[] {
  return parseRows(text, ['time', 'symbol', 'quantity'], (cells, line) => {
    const [time = '', symbol = '', quantity = ''] = cells;
    const row = { timeMs: parseTime(time, line), symbol, quantity: parseDecimal(quantity, 'quantity', line) };
    if (symbol === '') throw fileError(`line ${line}: symbol is empty`, line);
    if (!row.quantity.greaterThan(0)) throw fileError(`line ${line}: quantity must be above 0`, line);
    return row;
  });
}

/** A time as ISO-8601 with an offset, or Unix seconds or milliseconds (integers above 10^11 are ms). */
export function parseTime(text: string, line: number): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value < 1e11 ? value * 1_000 : value;
  }
  // Without an offset Date.parse would read local time: refuse rather than guess.
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(text)) {
    throw fileError(`line ${line}: time "${text}" needs a UTC offset (Z or ±hh:mm)`, line);
  }
  const value = Date.parse(text);
  if (Number.isNaN(value)) throw fileError(`line ${line}: "${text}" is not a time`, line);
  return value;
}

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 100;

/** The good rows of a file with the line of each, and the bad rows' problems. */
export interface ReadRows<Row> {
  readonly rows: readonly Row[];
  readonly lines: readonly number[];
  /** Each starts with `line N:`. */
  readonly problems: ReadonlyArray<{ readonly line: number; readonly detail: string }>;
}

/**
 * Reads the file and checks every row: every bad row is reported with its line number (the first
 * MAX_LISTED_PROBLEMS, then a count of the rest), in one error, so a file is fixed in one pass;
 * nothing is returned unless the whole file is good.
 */
function parseRows<Row>(
  text: string,
  header: readonly string[],
  parseRow: (cells: string[], line: number) => Row,
): Row[] {
  return orderedRows(readRows(text, header, parseRow));
}

function orderedRows<Row>({ rows, lines, problems }: ReadRows<Row>): Row[] {
  if (problems.length > 0) throw problemsError(problems.map((problem) => problem.detail));
  const unordered = rows.findIndex((row, index) => index > 0 && timeOf(row) < timeOf(rows[index - 1]));
  if (unordered > 0) {
    const line = lines[unordered] ?? unordered + 2;
    throw fileError(`rows must be in time order (line ${line}, row ${unordered + 1}, goes back)`, line);
  }
  return [...rows];
}

/**
 * Reads the file with csv-parse (quoted cells, CRLF, a byte-order mark, blank lines); a wrong header
 * or unreadable CSV throws, a bad row is collected with its line.
 */
function readRows<Row>(
  text: string,
  header: readonly string[],
  parseRow: (cells: string[], line: number) => Row,
): ReadRows<Row> {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw fileError(`line ${line}: ${(error as Error).message}`, line);
  }
  const first = (records[0]?.record ?? []).map((cell) => cell.toLowerCase());
  if (records[0]?.info.lines !== 1 || first.join(',') !== header.join(',')) {
    const found = text.split(/\r?\n/, 1)[0] ?? '';
    throw fileError(`the header must be "${header.join(',')}", found "${found}"`, 1);
  }
  const rows: Row[] = [];
  const lineOf: number[] = [];
  const problems: Array<{ line: number; detail: string }> = [];
  for (const { record: cells, info } of records.slice(1)) {
    const line = info.lines;
    try {
      if (cells.length !== header.length) {
        throw fileError(`line ${line}: expected ${header.length} columns, found ${cells.length}`, line);
      }
      rows.push(parseRow(cells, line));
      lineOf.push(line);
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      problems.push({ line, detail: error.detail });
    }
  }
  return { rows, lines: lineOf, problems };
}

/**
 * One error listing the problems (each message starts with its line), the first MAX_LISTED_PROBLEMS
 * then a count of the rest.
 */
function problemsError(problems: readonly string[]): HooklineError {
  return new HooklineError('INVALID_ARGUMENT', listProblems(problems, 'bad row'));
}

/** `N <noun>s:` then the first MAX_LISTED_PROBLEMS problems, one a line, then a count of the rest. */
export function listProblems(problems: readonly string[], noun: string): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const rest = problems.length - listed.length;
  const summary = problems.length === 1 ? `1 ${noun}` : `${problems.length} ${noun}s`;
  return [
    `${summary}:`,
    ...listed.map((problem) => `  ${problem}`),
    ...(rest > 0 ? [`  ... and ${rest} more`] : []),
  ].join('\n');
}

function timeOf(row: unknown): number {
  return (row as { timeMs: number }).timeMs;
}

function parseDecimal(text: string, column: string, line: number): Decimal {
  try {
    return dec(text);
  } catch (error) {
    throw new FileProblem(`line ${line}: ${column} "${text}" is not a decimal`, line, error);
  }
}

/** A problem with a file, its message starting with the line it is on (`detail`: without the code). */
export class FileProblem extends HooklineError {
  readonly detail: string;
  constructor(detail: string, line: number, cause?: unknown) {
    super('INVALID_ARGUMENT', detail, { context: { line }, cause });
    this.detail = detail;
  }
}

function fileError(message: string, line: number): FileProblem {
  return new FileProblem(message, line);
}
