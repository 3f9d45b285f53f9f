// COPY text built line by line as rows are computed: each row becomes one string at once and every
// chunk of lines is joined into one flat string, so a row's objects (decimals above all) die young and
// what waits for the server is a few large strings, which cost the garbage collector next to nothing.
import { type Decimal, toPlainString } from '@hookline/core';
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

/** A decimal field: all its digits (toPlainString), null as `\N`. */
export function decimalField(value: Decimal | null): string {
  return value === null ? '\\N' : toPlainString(value);
}

/**
 * Decimal fields rendered once per Decimal instance (decimals are immutable): an allocation row
 * repeats its lot's price and fee per unit and its sell fill's, which the fill rows already rendered.
 */
export class DecimalTexts {
  readonly #texts = new Map<Decimal, string>();

  /** The field of `value` (decimalField), rendered on first use. */
  readonly field = (value: Decimal | null): string => {
    if (value === null) return '\\N';
    let text = this.#texts.get(value);
    if (text === undefined) {
      text = toPlainString(value);
      if (this.#texts.size >= MAX_TEXTS) this.#texts.clear();
      this.#texts.set(value, text);
    }
    return text;
  };

  /** Records `text` as the rendering of `value` (text the caller already made with toPlainString). */
  remember(value: Decimal, text: string): void {
    if (this.#texts.size >= MAX_TEXTS) this.#texts.clear();
    this.#texts.set(value, text);
  }
}

const MAX_TEXTS = 50_000;

/** A timestamp field (ISO 8601, UTC), null as `\N`. */
export function timeField(value: Date | null): string {
  return value === null ? '\\N' : value.toISOString();
}
