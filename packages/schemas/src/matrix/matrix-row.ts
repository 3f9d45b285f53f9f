// The signal matrix as it travels: sighook writes it (Postgres signal_matrix + a Redis hash per
// symbol + a message per update); the webhook's sentinel (ATR, SELL signal), the API and
// `hookline signals --json` read it. One schema, so writer and readers cannot drift apart.
import { z } from 'zod';

/** Decimal text (never exponent notation), as every money-like value Hookline exchanges. */
const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/, { error: 'expected decimal text such as 1.25' });

/** The matrix's verdict for a symbol. */
export const matrixActions = ['BUY', 'SELL', 'HOLD'] as const;
export type MatrixAction = (typeof matrixActions)[number];

/**
 * The contributing indicator values, named as docs/architecture.md's `signals` interface names them.
 * null = not enough candles yet for that indicator (never a made-up value).
 */
export const matrixIndicatorsSchema = z
  .object({
    rsi: decimalText.nullable(),
    macd: decimalText.nullable(),
    macd_signal: decimalText.nullable(),
    macd_histogram: decimalText.nullable(),
    bb_upper: decimalText.nullable(),
    bb_middle: decimalText.nullable(),
    bb_lower: decimalText.nullable(),
    atr: decimalText.nullable(),
    roc: decimalText.nullable(),
    ema_fast: decimalText.nullable(),
    ema_slow: decimalText.nullable(),
    volume_ratio: decimalText.nullable(),
  })
  .strict();
export type MatrixIndicators = z.infer<typeof matrixIndicatorsSchema>;

/** One matrix row: a symbol on one closed candle of one timeframe. Times are ISO-8601 UTC. */
export const matrixRowSchema = z
  .object({
    symbol: z.string().min(1),
    timeframe: z.string().min(1),
    /** Open time of the closed candle the row was computed on. */
    candle_time: z.iso.datetime({ offset: true }),
    computed_at: z.iso.datetime({ offset: true }),
    indicators: matrixIndicatorsSchema,
    buy_score: decimalText,
    sell_score: decimalText,
    action: z.enum(matrixActions),
    /** Average true range in price units (the sentinel's trailing stop); null while warming up. */
    atr: decimalText.nullable(),
  })
  .strict();
export type MatrixRow = z.infer<typeof matrixRowSchema>;

/** Redis hash holding the latest row of `symbol` (field `row` = the row as JSON, `computed_at`). */
export function matrixHashKey(symbol: string, prefix = 'hookline'): string {
  return `${prefix}:matrix:${symbol}`;
}

/** Redis channel that carries every new row as JSON. */
export function matrixChannel(prefix = 'hookline'): string {
  return `${prefix}:matrix:updates`;
}

/** Why a stored row cannot be used. */
export type MatrixRowRefusal = 'MISSING' | 'MALFORMED' | 'STALE';

/**
 * Freshness rule every reader applies: a row computed more than `maxAgeMs` before `nowMs` is refused
 * (so a stopped sighook can never keep steering exits or entries with an old verdict).
 */
export function checkMatrixRow(
  value: unknown,
  nowMs: number,
  maxAgeMs: number,
): { ok: true; row: MatrixRow; ageMs: number } | { ok: false; refusal: MatrixRowRefusal; detail: string } {
  if (value === undefined || value === null)
    return { ok: false, refusal: 'MISSING', detail: 'no matrix row' };
  const parsed = matrixRowSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, refusal: 'MALFORMED', detail: z.prettifyError(parsed.error) };
  }
  return checkMatrixRowAge(parsed.data, nowMs, maxAgeMs);
}

/** The freshness rule alone, for a row already checked against the schema. */
export function checkMatrixRowAge(
  row: MatrixRow,
  nowMs: number,
  maxAgeMs: number,
): { ok: true; row: MatrixRow; ageMs: number } | { ok: false; refusal: 'STALE'; detail: string } {
  const ageMs = nowMs - Date.parse(row.computed_at);
  if (ageMs > maxAgeMs) {
    return {
      ok: false,
      refusal: 'STALE',
      detail: `matrix row computed ${ageMs} ms ago; the limit is ${maxAgeMs} ms`,
    };
  }
  return { ok: true, row, ageMs };
}
