// decimal.js's own representation, for core's fast paths only (never exported from the package):
// a sign, the exponent of the first digit, and the digits in base-10^7 words aligned on that exponent.
// Building a value here gives the same value, in the same internal form, as decimal.js would make;
// core owns the Decimal type, so only core may depend on this layout.
import { type Decimal, HooklineDecimal } from './decimal.js';

/** The fields decimal.js keeps: sign (±1), exponent of the first digit, base-10^7 words (null if not finite). */
export interface DecimalWords {
  readonly s: number;
  readonly e: number;
  readonly d: number[] | null;
}

export const wordBase = 1e7;
export const logBase = 7;
export const powersOfTen = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000];
// A short value has at most 8 words (56 digits), so a result built from two of them stays within the
// 60-digit precision: it is exact, as decimal.js's own result is.
const maxShortWords = 8;
const maxShortExponent = 1e14;

export function wordsOf(value: Decimal): DecimalWords {
  return value as unknown as DecimalWords;
}

/** True for a finite, non-zero value of ours with at most 8 words and a sane exponent. */
export function isShort(value: DecimalWords): boolean {
  const words = value.d;
  return (
    words !== null &&
    words.length <= maxShortWords &&
    words[0] !== 0 &&
    value.e < maxShortExponent &&
    value.e > -maxShortExponent &&
    (value as unknown as Decimal).constructor === HooklineDecimal
  );
}

/** How many digits a word has (1 to 7; 8 only for a carried 10^7). */
export function digitCount(word: number): number {
  let count = 1;
  while (count < 8 && word >= (powersOfTen[count] as number)) count++;
  return count;
}

/** The power of 10^7 of the first word of a value whose first digit has this exponent. */
export function firstWordExponent(exponent: number): number {
  return Math.floor(exponent / logBase);
}

/** A value of ours from words aligned on the exponent, the first and last not zero. */
export function decimalFromWords(negative: boolean, words: number[], exponent: number): Decimal {
  // What decimal.js's constructor makes: an own `constructor`, then sign, exponent and words.
  const value = Object.create(HooklineDecimal.prototype) as {
    constructor: unknown;
    s: number;
    e: number;
    d: number[];
  };
  value.constructor = HooklineDecimal;
  value.s = negative ? -1 : 1;
  value.e = exponent;
  value.d = words;
  return value as unknown as Decimal;
}

/** A magnitude as integer × 10^−scale. */
export interface ScaledNumber {
  integer: number;
  scale: number;
}

/**
 * Writes |value| into `into` as integer × 10^−scale with the smallest scale ≥ 0 and returns true, when
 * the integer is exact as a plain number (at most 3 words, below 9·10^15); false otherwise, zero
 * included. The caller's holder is filled in place because this runs several times per ledger row.
 */
export function readScaled(value: Decimal, into: ScaledNumber): boolean {
  const v = wordsOf(value);
  const words = v.d;
  if (words === null || words.length > 3 || !isShort(v)) return false;
  const lastExponent = (firstWordExponent(v.e) - words.length + 1) * logBase;
  if (lastExponent > 0) return false;
  let integer = 0;
  for (const word of words) integer = integer * wordBase + word;
  if (integer > 9e15) return false;
  // Trailing zeros are all in the last word (decimal.js drops zero words), so they are counted there,
  // on a small integer, and divided out at once (exactly: the integer is a multiple of 10^zeros).
  const scale = -lastExponent;
  let zeros = 0;
  for (let rest = words[words.length - 1] as number; zeros < scale && rest % 10 === 0; rest /= 10) zeros++;
  into.integer = zeros === 0 ? integer : integer / (powersOfTen[zeros] as number);
  into.scale = scale - zeros;
  return true;
}
