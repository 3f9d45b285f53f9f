// A Decimal as a scaled integer, units × 10^−scale, in plain numbers: the form in which the fast
// paths (and the ledger's engine) compare, subtract and multiply sizes and prices without making a
// Decimal each time. Reading one is a few word copies of decimal.js's own form (decimal-words.ts);
// a value that does not fit is refused, so the caller computes it with Decimals instead.
import type { Decimal } from './decimal.js';
import { firstWordExponent, isShort, logBase, powersOfTen, wordBase, wordsOf } from './decimal-words.js';
import { decimalFromFixed, type FixedPoint, fixedFromScaled } from './fixed-point.js';

/** A magnitude as integer × 10^−scale. */
export interface ScaledNumber {
  integer: number;
  scale: number;
}

/** 10^0 … 10^22, every one exact as a plain number: for aligning the scales of two scaled integers. */
export { powersOfTen };

// The largest scale readScaled gives.
const maxScale = 1e9;

/** The largest integer readScaled gives: below 2^53, so it and every aligned comparison are exact. */
export const maxScaledInteger = 9e15;

/**
 * Writes |value| into `into` as integer × 10^−scale with the smallest scale ≥ 0 and returns true, when
 * the integer is exact as a plain number (at most 3 words, at most maxScaledInteger); false otherwise,
 * zero included. The caller's holder is filled in place because this runs several times per ledger row.
 */
export function readScaled(value: Decimal, into: ScaledNumber): boolean {
  const v = wordsOf(value);
  const words = v.d;
  if (words === null || words.length > 3 || !isShort(v)) return false;
  const lastExponent = (firstWordExponent(v.e) - words.length + 1) * logBase;
  // A scale beyond 10^9 (values below 10^−10^9) is left to decimal.js, so the scale is a small integer.
  if (lastExponent > 0 || lastExponent < -maxScale) return false;
  let integer = 0;
  for (let index = 0; index < words.length; index++) integer = integer * wordBase + (words[index] as number);
  if (integer > maxScaledInteger) return false;
  // Trailing zeros are all in the last word (decimal.js drops zero words), so they are counted there,
  // on a small integer, and divided out at once (exactly: the integer is a multiple of 10^zeros).
  const scale = -lastExponent;
  let zeros = 0;
  // `| 0` keeps `rest` a small integer: `%` on a double is a call in V8, on a small integer an instruction.
  for (
    let rest = (words[words.length - 1] as number) | 0;
    zeros < scale && rest % 10 === 0;
    rest = (rest / 10) | 0
  )
    zeros++;
  into.integer = zeros === 0 ? integer : integer / (powersOfTen[zeros] as number);
  // `| 0`: a small integer, never −0 (which V8 would box in every scale field), so a caller's `%` of a
  // shift made from it is an instruction, not a call.
  into.scale = (scale - zeros) | 0;
  return true;
}

/**
 * The Decimal of integer × 10^−scale, as decimal.js would make it, for 0 < integer < 2^53 and
 * 0 ≤ scale ≤ maxFixedScale (the bounds of what readScaled gives with a scale within fixed point).
 */
export function decimalFromScaled(integer: number, scale: number): Decimal {
  fixedFromScaled(asFixed, integer, scale);
  return decimalFromFixed(asFixed);
}

// Where decimalFromScaled lays out the value (one at a time: nothing in between yields).
const asFixed: FixedPoint = { integer: 0, f1: 0, f2: 0, f3: 0 };
