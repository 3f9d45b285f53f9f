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
/** 10^0 … 10^22: every one exact as a plain number (fixed-point.ts scales by up to 10^21). */
export const powersOfTen: readonly number[] = Array.from({ length: 23 }, (_, power) => 10 ** power);
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
  // Comparisons rather than a loop: this runs for every Decimal the fast paths make.
  if (word < 1000) return word < 10 ? 1 : word < 100 ? 2 : 3;
  if (word < 1_000_000) return word < 10_000 ? 4 : word < 100_000 ? 5 : 6;
  return word < wordBase ? 7 : 8;
}

/** The power of 10^7 of the first word of a value whose first digit has this exponent. */
export function firstWordExponent(exponent: number): number {
  return Math.floor(exponent / logBase);
}

/** A value of ours from words aligned on the exponent, the first and last not zero. */
export function decimalFromWords(negative: boolean, words: number[], exponent: number): Decimal {
  // An exponent that fits a small integer is kept as one, so V8 never boxes the field.
  return new WordsDecimal(negative ? -1 : 1, (exponent | 0) === exponent ? exponent | 0 : exponent, words);
}

// What decimal.js's constructor makes (an own `constructor`, then sign, exponent and words, in that
// order) on its prototype, so the value is a Decimal of ours in every respect. A constructor of its
// own, rather than Object.create and four stores, gives these values one hidden class from the start,
// whose fields V8 keeps unboxed.
const WordsDecimal = function (this: object, s: number, e: number, d: number[]) {
  const fields = this as { constructor: unknown; s: number; e: number; d: number[] };
  fields.constructor = HooklineDecimal;
  fields.s = s;
  fields.e = e;
  fields.d = d;
} as unknown as new (
  s: number,
  e: number,
  d: number[],
) => Decimal;
WordsDecimal.prototype = HooklineDecimal.prototype;
