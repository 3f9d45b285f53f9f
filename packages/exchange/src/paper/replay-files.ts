import { type Decimal, dec, HooklineError, max, min } from '@hookline/core';

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
  return parseRows(text, ['time', 'open', 'high', 'low', 'close', 'volume'], (cells, line) => {
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

function parseRows<Row>(
  text: string,
  header: readonly string[],
  parseRow: (cells: string[], line: number) => Row,
): Row[] {
  const lines = text.split(/\r?\n/);
  const first = (lines[0] ?? '').split(',').map((cell) => cell.trim().toLowerCase());
  if (first.join(',') !== header.join(',')) {
    throw fileError(`the header must be "${header.join(',')}", found "${lines[0] ?? ''}"`, 1);
  }
  const rows: Row[] = [];
  for (const [index, raw] of lines.slice(1).entries()) {
    if (raw.trim() === '') continue;
    const line = index + 2;
    const cells = raw.split(',').map((cell) => cell.trim());
    if (cells.length !== header.length)
      throw fileError(`line ${line}: expected ${header.length} columns`, line);
    rows.push(parseRow(cells, line));
  }
  const unordered = rows.findIndex((row, index) => index > 0 && timeOf(row) < timeOf(rows[index - 1]));
  if (unordered > 0)
    throw fileError(`rows must be in time order (row ${unordered + 1} goes back)`, unordered + 2);
  return rows;
}

function timeOf(row: unknown): number {
  return (row as { timeMs: number }).timeMs;
}

function parseDecimal(text: string, column: string, line: number): Decimal {
  try {
    return dec(text);
  } catch (error) {
    throw new HooklineError('INVALID_ARGUMENT', `line ${line}: ${column} "${text}" is not a decimal`, {
      context: { line },
      cause: error,
    });
  }
}

function fileError(message: string, line: number): HooklineError {
  return new HooklineError('INVALID_ARGUMENT', message, { context: { line } });
}
