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
  const replies = await readRowTexts(
    redis,
    symbols.map((symbol) => matrixHashKey(symbol, options.prefix)),
  );
  symbols.forEach((symbol, index) => {
    const text = replies[index];
    if (text instanceof Error) {
      result.set(symbol, { ok: false, refusal: 'MISSING', detail: `redis: ${text.message}` });
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

// The `row` field of many hashes in few round trips and few client-side objects: one script call per
// chunk instead of one HGET per symbol (a sweep over thousands of positions reads every one of them).
// Each key's error is its own (pcall): a key of the wrong type leaves the other rows readable.
const HGET_ROWS = `local out = {}
for i, key in ipairs(KEYS) do
  local reply = redis.pcall('HGET', key, 'row')
  if type(reply) == 'table' and reply.err then out[i] = { reply.err }
  elseif reply then out[i] = reply
  else out[i] = false end
end
return out`;
// Bounded so that one call never holds Redis (single-threaded) for long.
const KEYS_PER_CALL = 1_000;

/** Per key: the row text, null when the hash or its field is missing, or the error Redis gave for it. */
async function readRowTexts(redis: Redis, keys: readonly string[]): Promise<Array<string | null | Error>> {
  const pipeline = redis.pipeline();
  for (let start = 0; start < keys.length; start += KEYS_PER_CALL) {
    const chunk = keys.slice(start, start + KEYS_PER_CALL);
    pipeline.eval(HGET_ROWS, chunk.length, ...chunk);
  }
  const replies = (await pipeline.exec()) ?? [];
  const texts: Array<string | null | Error> = [];
  for (let start = 0, call = 0; start < keys.length; start += KEYS_PER_CALL, call += 1) {
    const count = Math.min(KEYS_PER_CALL, keys.length - start);
    const [error, values] = replies[call] ?? [new Error('no reply'), null];
    for (let index = 0; index < count; index += 1) {
      if (error) {
        texts.push(error);
        continue;
      }
      const value = (values as unknown[] | null)?.[index];
      if (Array.isArray(value)) texts.push(new Error(String(value[0])));
      else texts.push(typeof value === 'string' ? value : null);
    }
  }
  return texts;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { unparsable: text.slice(0, 80) };
  }
}
