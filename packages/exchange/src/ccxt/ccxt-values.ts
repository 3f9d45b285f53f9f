import { type Decimal, dec, HooklineError } from '@hookline/core';

/**
 * A Decimal from what ccxt returns with `number: String` (a decimal string), or a JS number when
 * a code path ignores that setting (its shortest round-trip spelling); undefined when missing.
 */
export function optionalDecimal(value: unknown): Decimal | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return dec(value);
  if (typeof value === 'number' && Number.isFinite(value)) return dec(String(value));
  throw new HooklineError('INVALID_DECIMAL', 'ccxt returned a value that is not a number', {
    context: { value: String(value) },
  });
}

/** Like optionalDecimal, but a missing value is this fallback. */
export function decimalOr(value: unknown, fallback: Decimal): Decimal {
  return optionalDecimal(value) ?? fallback;
}

/** A Date from ccxt's millisecond timestamp, or the fallback when missing. */
export function dateOr(timestampMs: unknown, fallback: Date): Date {
  return typeof timestampMs === 'number' && Number.isFinite(timestampMs) ? new Date(timestampMs) : fallback;
}

/** The raw venue payload ccxt keeps in `info`, as a record. */
export function infoOf(value: { readonly info?: unknown }): Readonly<Record<string, unknown>> {
  const info = value.info;
  return typeof info === 'object' && info !== null && !Array.isArray(info)
    ? (info as Record<string, unknown>)
    : {};
}
