// The latest signal-matrix row per symbol in Redis: sighook writes, the webhook (sentinel, API) and
// the CLI read. Every read applies the freshness rule of packages/schemas (checkMatrixRow).
import {
  checkMatrixRow,
  checkMatrixRowAge,
  type MatrixRow,
  type MatrixRowRefusal,
  matrixChannel,
  matrixHashKey,
} from '@hookline/schemas';
import type { Redis } from 'ioredis';

/** The latest row of a symbol, or why there is none to use. */
export type LatestMatrixRow =
  | { readonly ok: true; readonly row: MatrixRow; readonly ageMs: number }
  | { readonly ok: false; readonly refusal: MatrixRowRefusal; readonly detail: string };

/**
 * Stores `row` as the latest of its symbol (hash fields `row`, `computed_at`, `candle_time`) and
 * publishes it on the update channel, in one MULTI. An older candle never replaces a newer one.
 */
export async function writeLatestMatrixRow(redis: Redis, row: MatrixRow, prefix = 'hookline'): Promise<void> {
  const key = matrixHashKey(row.symbol, prefix);
  const current = await redis.hget(key, 'candle_time');
  if (current !== null && Date.parse(current) > Date.parse(row.candle_time)) return;
  const json = JSON.stringify(row);
  await redis
    .multi()
    .hset(key, { row: json, computed_at: row.computed_at, candle_time: row.candle_time })
    .publish(matrixChannel(prefix), json)
    .exec();
}

/**
 * The rows a reader parsed last, by symbol and text: a symbol's row changes once a candle while the
 * sentinel reads it every sweep, so an unchanged text skips JSON and the schema (its age is checked
 * on every read).
 */
export class ParsedMatrixRows {
  readonly #last = new Map<string, { readonly text: string; readonly row: MatrixRow }>();

  /** The row of `text` for `symbol`, or why there is none to use. */
  check(symbol: string, text: unknown, nowMs: number, maxAgeMs: number): LatestMatrixRow {
    const last = this.#last.get(symbol);
    if (last !== undefined && last.text === text) return checkMatrixRowAge(last.row, nowMs, maxAgeMs);
    const checked = checkMatrixRow(parseJson(text), nowMs, maxAgeMs);
    // Only a usable row is kept: a stale one (sighook stopped) is parsed again until a new one comes.
    if (checked.ok && typeof text === 'string') this.#last.set(symbol, { text, row: checked.row });
    else this.#last.delete(symbol);
    return checked;
  }
}

/** Reads the latest row of each symbol; a missing, malformed or stale row is refused with the reason. */
export async function readLatestMatrixRows(
  redis: Redis,
  symbols: readonly string[],
  options: {
    readonly nowMs: number;
    readonly maxAgeMs: number;
    readonly prefix?: string;
    /** Rows parsed by earlier reads of the same reader (default: every row is parsed). */
    readonly parsed?: ParsedMatrixRows;
  },
): Promise<Map<string, LatestMatrixRow>> {
  const result = new Map<string, LatestMatrixRow>();
  if (symbols.length === 0) return result;
  const pipeline = redis.pipeline();
  for (const symbol of symbols) pipeline.hget(matrixHashKey(symbol, options.prefix), 'row');
  const replies = (await pipeline.exec()) ?? [];
  symbols.forEach((symbol, index) => {
    const [error, text] = replies[index] ?? [new Error('no reply'), null];
    if (error) {
      result.set(symbol, { ok: false, refusal: 'MISSING', detail: `redis: ${error.message}` });
      return;
    }
    result.set(
      symbol,
      options.parsed === undefined
        ? checkMatrixRow(parseJson(text), options.nowMs, options.maxAgeMs)
        : options.parsed.check(symbol, text, options.nowMs, options.maxAgeMs),
    );
  });
  return result;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { unparsable: text.slice(0, 80) };
  }
}
