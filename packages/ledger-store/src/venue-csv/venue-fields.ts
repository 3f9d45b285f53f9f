// Field parsers shared by the venue formats; each throws a message naming the column and the text.
import { type Decimal, dec } from '@hookline/core';

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

/** A decimal written by a venue: `1234.5`, `-0.5`, `$1,234.56`, `-$3.00`. */
export function venueDecimal(column: string, text: string): Decimal {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (!NUMBER_TEXT.test(cleaned)) throw new Error(`${column}: "${text}" is not a number`);
  return dec(cleaned);
}

/** A positive decimal (its absolute value: some exports sign sells). */
export function positiveDecimal(column: string, text: string): Decimal {
  const value = venueDecimal(column, text).abs();
  if (value.isZero()) throw new Error(`${column}: must not be zero`);
  return value;
}

/**
 * A venue time, always UTC: `2024-01-15T10:30:00.123Z`, `2024-01-15 10:30:00.1234` (Kraken),
 * `2024-01-15 10:30:00 UTC` (Coinbase). A time with no zone is UTC (the venues write UTC).
 */
export function venueTime(column: string, text: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/.exec(
    text.trim(),
  );
  if (!match) throw new Error(`${column}: "${text}" is not a time`);
  const [, day, clock, fraction = '', zone = 'Z'] = match;
  const millis = fraction ? `.${fraction.slice(1, 4).padEnd(3, '0')}` : '';
  const date = new Date(`${day}T${clock}${millis}${zone === 'UTC' ? 'Z' : zone}`);
  if (Number.isNaN(date.getTime()) || (date.toISOString().slice(0, 10) !== day && zone === 'Z')) {
    throw new Error(`${column}: "${text}" is not a real date`);
  }
  return date;
}

/** `BUY`/`buy`/`Buy` → buy, `SELL`… → sell. */
export function venueSide(column: string, text: string): 'buy' | 'sell' {
  const side = text.trim().toLowerCase();
  if (side === 'buy' || side === 'sell') return side;
  throw new Error(`${column}: "${text}" is not buy or sell`);
}

/** Runs a row conversion, turning a thrown message into the row's problem. */
export function problemOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
