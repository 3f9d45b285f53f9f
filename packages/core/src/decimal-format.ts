import { type Decimal, dec, HooklineDecimal } from './decimal.js';
import { HooklineError } from './errors.js';

/**
 * The value rounded to whole cents, half away from zero (2.345 → 2.35, −2.345 → −2.35).
 * Only reports round, at export (the ledger never does). Half-up is the convention readers
 * check against (spreadsheets, the IRS "round 50 cents up" instruction); its small upward bias
 * does not accumulate because reports derive the gain column from the rounded columns.
 */
export function roundUsd(value: Decimal): Decimal {
  return dec(value).toDecimalPlaces(2, HooklineDecimal.ROUND_HALF_UP);
}

/**
 * The value with exactly decimalPlaces digits after the point, rounded half away from zero like
 * roundUsd; quantize first when the digits are sent to an exchange. Never "-0.00".
 */
export function toFixedString(value: Decimal, decimalPlaces: number): string {
  if (!Number.isSafeInteger(decimalPlaces) || decimalPlaces < 0) {
    throw new HooklineError('INVALID_ARGUMENT', 'decimalPlaces must be a non-negative integer', {
      context: { decimalPlaces },
    });
  }
  return withoutNegativeZero(dec(value).toFixed(decimalPlaces, HooklineDecimal.ROUND_HALF_UP));
}

/** All the value's digits, never in exponent notation (1e-8 → "0.00000001"), never "-0". */
export function toPlainString(value: Decimal): string {
  return withoutNegativeZero(dec(value).toFixed());
}

function withoutNegativeZero(text: string): string {
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}
