// COPY text built line by line as rows are computed: each row becomes one string at once and every
// chunk of lines is joined into one flat string, so a row's objects (decimals above all) die young and
// what waits for the server is a few large strings, which cost the garbage collector next to nothing.
import { type Decimal, toPlainString, ZERO } from '@hookline/core';
import { copyField } from './copy-rows.js';
import type { RenderedCopy } from './sql-runner.js';

const LINES_PER_CHUNK = 1_000;

/** Lines of one COPY, rendered by the caller (fields through the helpers below). */
export class CopyLines {
  readonly #chunks: string[] = [];
  #lines: string[] = [];
  #count = 0;

  add(line: string): void {
    this.#lines.push(line);
    this.#count += 1;
    if (this.#lines.length === LINES_PER_CHUNK) this.#flush();
  }

  /** How many lines were added. */
  get count(): number {
    return this.#count;
  }

  /** The text for CopyRows (one chunk of lines per string, each line ending with a newline). */
  rendered(): RenderedCopy {
    this.#flush();
    return { rendered: this.#chunks };
  }

  #flush(): void {
    if (this.#lines.length === 0) return;
    this.#lines.push('');
    this.#chunks.push(this.#lines.join('\n'));
    this.#lines = [];
  }
}

/** `rows` as COPY text, one line per row. */
export function renderLines<T>(rows: readonly T[], line: (row: T) => string): RenderedCopy {
  const lines = new CopyLines();
  for (const row of rows) lines.add(line(row));
  return lines.rendered();
}

/** A text field (null as `\N`, COPY's reserved characters escaped). */
export function textField(value: string | null | undefined): string {
  return copyField(value ?? null);
}

/** A decimal field: all its digits (plainText), null as `\N`. */
export function decimalField(value: Decimal | null): string {
  return value === null ? '\\N' : plainText(value);
}

// Ours: toFixed() with no argument prints all the digits, never an exponent, and "-" only before a
// non-zero value. The checks of toPlainString are for decimals made elsewhere (Prisma's copy).
const OURS = ZERO.constructor;

/** All the digits of `value`, as toPlainString gives them, without its checks for our own decimals. */
export function plainText(value: Decimal): string {
  return value.constructor === OURS && value.isFinite() ? value.toFixed() : toPlainString(value);
}

/** How a row renders the fields that repeat from row to row: decimals per unit and timestamps. */
export interface RepeatedFields {
  decimal(value: Decimal): string;
  time(value: Date): string;
}

/** Every field rendered afresh. */
export const FRESH_FIELDS: RepeatedFields = { decimal: plainText, time: (value) => value.toISOString() };

/**
 * The texts of the last few Decimal or Date instances rendered (both are immutable here): an
 * allocation row repeats its sell fill's price, time and fee per unit, which the fill's row or its
 * previous slice has just rendered, and its lot's, which the previous row mostly had too. A few slots
 * compared by identity, not a map: nothing is hashed and nothing is kept beyond the last few values.
 */
export class RepeatedTexts implements RepeatedFields {
  readonly #keys: (Decimal | Date | undefined)[] = new Array(SLOTS).fill(undefined);
  readonly #texts: string[] = new Array(SLOTS).fill('');
  #next = 0;

  /** The field of `value` (plainText), rendered unless it is one of the last few. */
  readonly decimal = (value: Decimal): string => {
    const slot = this.#keys.indexOf(value);
    if (slot >= 0) return this.#texts[slot] as string;
    const text = plainText(value);
    this.remember(value, text);
    return text;
  };

  /** The field of `value` (ISO 8601, UTC), rendered unless it is one of the last few. */
  readonly time = (value: Date): string => {
    const slot = this.#keys.indexOf(value);
    if (slot >= 0) return this.#texts[slot] as string;
    const text = value.toISOString();
    this.remember(value, text);
    return text;
  };

  /** Records `text` as the rendering of `value` (text the caller already made the same way). */
  remember(value: Decimal | Date, text: string): void {
    this.#keys[this.#next] = value;
    this.#texts[this.#next] = text;
    this.#next = (this.#next + 1) % SLOTS;
  }
}

const SLOTS = 8;

/** A timestamp field (ISO 8601, UTC), null as `\N`. */
export function timeField(value: Date | null): string {
  return value === null ? '\\N' : value.toISOString();
}
