// COPY ... FROM STDIN in PostgreSQL's text format, for the bulk path's raw pg connection. One COPY
// moves tens of thousands of rows without pg's per-parameter array serialising and lets the server
// insert them in batches; decimals travel as the exact strings the caller built.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CopyStreamQuery, from as copyFrom } from 'pg-copy-streams';
import type { CopyRows, CopyValue } from './sql-runner.js';

/** The one capability of a pg client this needs (a PoolClient has it). */
type Client = { query(stream: CopyStreamQuery): CopyStreamQuery };

const ROWS_PER_CHUNK = 2_000;

/** A CopyRows over `client`; queued behind the statements already sent on it, like any query. */
export function copyRowsOn(client: Client): CopyRows {
  return async (target, rows) => {
    const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
    await pipeline(Readable.from('rendered' in rows ? rows.rendered : copyText(rows)), stream);
  };
}

/**
 * The rows as COPY text, a chunk of lines at a time. Fields and lines are joined, not concatenated one
 * by one: a join makes one flat string, which the socket encodes at once, where `+=` makes a chain of
 * pieces that has to be flattened first.
 */
export function* copyText(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let lines: string[] = [];
  const fields: string[] = [];
  for (const row of rows) {
    fields.length = row.length;
    for (let index = 0; index < row.length; index += 1) fields[index] = copyField(row[index] ?? null);
    lines.push(fields.join('\t'));
    if (lines.length === ROWS_PER_CHUNK) {
      lines.push('');
      yield lines.join('\n');
      lines = [];
    }
  }
  if (lines.length > 0) {
    lines.push('');
    yield lines.join('\n');
  }
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY text form: `\N` for null, backslash escapes for the characters COPY reserves. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string')
    return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => ESCAPES[char] ?? char) : value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}
