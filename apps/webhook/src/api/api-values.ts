// How the API writes values: decimals as plain strings (never floats, never exponent notation),
// instants as ISO-8601 strings, and pages of rows newest first with a `before` cursor.
import { z } from 'zod';

/** A decimal from Prisma (decimal.js) or @hookline/core. */
interface DecimalLike {
  toFixed(): string;
}

/** The plain string of a decimal; null stays null. */
export function decimalText(value: DecimalLike): string;
export function decimalText(value: DecimalLike | null): string | null;
export function decimalText(value: DecimalLike | null): string | null {
  return value === null ? null : value.toFixed();
}

/** The ISO-8601 text of an instant; null stays null. */
export function timeText(value: Date): string;
export function timeText(value: Date | null): string | null;
export function timeText(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** A decimal in an answer. */
export const decimalSchema = z.string().describe('decimal as a string');
/** An instant in an answer. */
export const timeSchema = z.string().describe('ISO-8601 time');

/** `limit` (default 100, at most 1000) and `before` (the id of the last row of the previous page). */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.string().min(1).optional().describe('next_before of the previous page: rows older than it'),
});

/** A page of rows and the cursor of the next one (null on the last page). */
export function pageSchema<Row extends z.ZodType>(row: Row) {
  return z.object({ items: z.array(row), next_before: z.string().nullable() });
}

/** Builds a page: rows were read newest first by id (UUIDv7, time-ordered), `limit` of them at most. */
export function page<Row, Item>(
  rows: readonly Row[],
  limit: number,
  idOf: (row: Row) => string,
  toItem: (row: Row) => Item,
): { items: Item[]; next_before: string | null } {
  const last = rows.at(-1);
  return {
    items: rows.map(toItem),
    next_before: rows.length === limit && last !== undefined ? idOf(last) : null,
  };
}
