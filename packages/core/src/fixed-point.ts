// A Decimal in fixed point: an integer part and three base-10^7 words of fraction, so any value with
// at most 21 decimals and an integer part below 2^51 is held exactly in plain numbers, and sums and
// differences are word additions with carries that allocate nothing. The fraction words line up with
// decimal.js's own (decimal-words.ts), so reading a Decimal and making one are a few word copies; the
// ledger's engine keeps its USD amounts in this form between the Decimals it stores.
import { type Decimal, ZERO } from './decimal.js';
import {
  decimalFromWords,
  digitCount,
  firstWordExponent,
  isShort,
  logBase,
  powersOfTen,
  wordBase,
  wordsOf,
} from './decimal-words.js';

/**
 * integer + (f1·10^14 + f2·10^7 + f3)·10^−21 with f1, f2, f3 in [0, 10^7): `integer` is the floor,
 * negative for a negative value.
 */
export interface FixedPoint {
  integer: number;
  f1: number;
  f2: number;
  f3: number;
}

/**
 * The largest integer part held. Sums and differences of two held values stay below 2^53, so every
 * word operation is exact; a result beyond the limit is left to decimal arithmetic.
 */
export const maxFixedInteger = 2 ** 51;
/** The most decimals a fixed-point value has. */
export const maxFixedScale = 21;

/**
 * Reads a non-zero Decimal of ours with at most 21 decimals and an integer part within the limit into
 * `into`; false (and `into` unchanged) for anything else, zero included.
 */
export function readFixed(value: Decimal, into: FixedPoint): boolean {
  const v = wordsOf(value);
  if (!isShort(v)) return false;
  const words = v.d as number[];
  const count = words.length;
  const top = firstWordExponent(v.e);
  const lastPower = top - count + 1;
  if (top > 2 || lastPower < -3) return false;
  let integer = 0;
  let f1 = 0;
  let f2 = 0;
  let f3 = 0;
  for (let index = 0; index < count; index++) {
    const power = top - index;
    // `| 0`: words from a product may be held as doubles; the fields stay small integers.
    const word = (words[index] as number) | 0;
    if (power >= 0) integer = integer * wordBase + word;
    else if (power === -1) f1 = word;
    else if (power === -2) f2 = word;
    else f3 = word;
  }
  if (lastPower > 0) integer *= powersOfTen[lastPower * logBase] as number;
  if (integer > maxFixedInteger) return false;
  into.integer = integer;
  into.f1 = f1;
  into.f2 = f2;
  into.f3 = f3;
  if (v.s < 0) negateFixed(into);
  return true;
}

/** Writes units × 10^−scale (units an integer in [0, 2^53), 0 ≤ scale ≤ 21) into `into`. */
export function fixedFromScaled(into: FixedPoint, units: number, scale: number): void {
  const unit = powersOfTen[scale] as number;
  // Math.floor of a quotient of integers below 2^53 is exact (a quotient that is not an integer is
  // at least 1/d below the next one, further than the division's rounding moves it); `%` on such
  // numbers would be a call in V8.
  const integer = Math.floor(units / unit);
  into.integer = integer;
  const fraction = units - integer * unit;
  if (scale <= logBase) {
    into.f1 = (fraction * (powersOfTen[logBase - scale] as number)) | 0;
    into.f2 = 0;
    into.f3 = 0;
    return;
  }
  const firstUnit = powersOfTen[scale - logBase] as number;
  const f1 = Math.floor(fraction / firstUnit);
  const afterFirst = fraction - f1 * firstUnit;
  into.f1 = f1 | 0;
  if (scale <= 2 * logBase) {
    into.f2 = (afterFirst * (powersOfTen[2 * logBase - scale] as number)) | 0;
    into.f3 = 0;
    return;
  }
  const secondUnit = powersOfTen[scale - 2 * logBase] as number;
  const f2 = Math.floor(afterFirst / secondUnit);
  into.f2 = f2 | 0;
  into.f3 = ((afterFirst - f2 * secondUnit) * (powersOfTen[3 * logBase - scale] as number)) | 0;
}

/** into = a + sign·b (sign ±1; either operand may be `into`); false, `into` unchanged, beyond the limit. */
export function addFixed(into: FixedPoint, a: FixedPoint, b: FixedPoint, sign: number): boolean {
  // Words and carries are small integers (`| 0` keeps them so).
  let f3 = (a.f3 + sign * b.f3) | 0;
  let carry = f3 >= wordBase ? 1 : f3 < 0 ? -1 : 0;
  f3 = (f3 - carry * wordBase) | 0;
  let f2 = (a.f2 + sign * b.f2 + carry) | 0;
  carry = f2 >= wordBase ? 1 : f2 < 0 ? -1 : 0;
  f2 = (f2 - carry * wordBase) | 0;
  let f1 = (a.f1 + sign * b.f1 + carry) | 0;
  carry = f1 >= wordBase ? 1 : f1 < 0 ? -1 : 0;
  f1 = (f1 - carry * wordBase) | 0;
  // 0 + x: a zero integer part stays 0, never −0.
  const integer = 0 + (a.integer + sign * b.integer + carry);
  if (integer > maxFixedInteger || integer < -maxFixedInteger) return false;
  into.integer = integer;
  into.f1 = f1;
  into.f2 = f2;
  into.f3 = f3;
  return true;
}

/** True for a zero value. */
export function isFixedZero(value: FixedPoint): boolean {
  return value.integer === 0 && value.f1 === 0 && value.f2 === 0 && value.f3 === 0;
}

/** value = −value. */
export function negateFixed(value: FixedPoint): void {
  const { f1, f2, f3 } = value;
  // 0 − i, not −i, so negating zero gives 0, not −0 (which V8 cannot keep as a small integer).
  if (f1 === 0 && f2 === 0 && f3 === 0) {
    value.integer = 0 - value.integer;
    return;
  }
  // −(i + f) = (−i − 1) + (1 − f), and 1 − f is taken word by word from the last one up.
  value.integer = -1 - value.integer;
  if (f3 !== 0) {
    value.f3 = (wordBase - f3) | 0;
    value.f2 = (wordBase - 1 - f2) | 0;
    value.f1 = (wordBase - 1 - f1) | 0;
  } else if (f2 !== 0) {
    value.f2 = (wordBase - f2) | 0;
    value.f1 = (wordBase - 1 - f1) | 0;
  } else {
    value.f1 = (wordBase - f1) | 0;
  }
}

/** The Decimal of a fixed-point value, as decimal.js would make it (zero is ZERO). */
export function decimalFromFixed(value: FixedPoint): Decimal {
  const negative = value.integer < 0;
  magnitude.integer = value.integer;
  magnitude.f1 = value.f1;
  magnitude.f2 = value.f2;
  magnitude.f3 = value.f3;
  if (negative) negateFixed(magnitude);
  // The words of powers 2, 1, 0, −1, −2, −3; small integers (`| 0`), so the Decimal's word array is
  // an array of small integers, as decimal.js's are.
  const integer = magnitude.integer;
  let w2 = 0;
  let w1 = 0;
  let w0 = integer | 0;
  if (integer >= wordBase) {
    const high = Math.floor(integer / wordBase);
    w2 = Math.floor(high / wordBase) | 0;
    w1 = (high - w2 * wordBase) | 0;
    w0 = (integer - high * wordBase) | 0;
  }
  const w3 = magnitude.f1 | 0;
  const w4 = magnitude.f2 | 0;
  const w5 = magnitude.f3 | 0;
  const first = w2 !== 0 ? 0 : w1 !== 0 ? 1 : w0 !== 0 ? 2 : w3 !== 0 ? 3 : w4 !== 0 ? 4 : w5 !== 0 ? 5 : 6;
  if (first === 6) return ZERO;
  const last = w5 !== 0 ? 5 : w4 !== 0 ? 4 : w3 !== 0 ? 3 : w0 !== 0 ? 2 : w1 !== 0 ? 1 : 0;
  const words = wordsBetween(first, last, w2, w1, w0, w3, w4, w5);
  return decimalFromWords(negative, words, (2 - first) * logBase + digitCount(words[0] as number) - 1);
}

// Where decimalFromFixed takes the magnitude of a negative value (one at a time: nothing yields).
const magnitude: FixedPoint = { integer: 0, f1: 0, f2: 0, f3: 0 };

// words[first..last] as an array of exactly that length (an array literal: no spare capacity).
function wordsBetween(
  first: number,
  last: number,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
  w4: number,
  w5: number,
): number[] {
  const a = first === 0 ? w0 : first === 1 ? w1 : first === 2 ? w2 : first === 3 ? w3 : first === 4 ? w4 : w5;
  const b = first === 0 ? w1 : first === 1 ? w2 : first === 2 ? w3 : first === 3 ? w4 : w5;
  const c = first === 0 ? w2 : first === 1 ? w3 : first === 2 ? w4 : w5;
  const d = first === 0 ? w3 : first === 1 ? w4 : w5;
  const e = first === 0 ? w4 : w5;
  switch (last - first) {
    case 0:
      return [a];
    case 1:
      return [a, b];
    case 2:
      return [a, b, c];
    case 3:
      return [a, b, c, d];
    case 4:
      return [a, b, c, d, e];
    default:
      return [a, b, c, d, e, w5];
  }
}
