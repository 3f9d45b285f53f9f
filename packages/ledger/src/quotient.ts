// total / whole exactly as decimal.js divides with core's settings (60 significant digits, rounded
// half to even), computed by long division in plain numbers when both operands are small integers
// once scaled, which is the usual case for a fee over a fill size: decimal.js's general division is
// the costliest step of a fill otherwise. Anything else goes to decimal.js itself.
import { type Decimal, ZERO } from '@hookline/core';
import { decimalFromWords } from './decimal-digits.js';
import { scaledNumberOf } from './decimal-ops.js';

interface DecimalSettings {
  readonly precision: number;
  readonly rounding: number;
}

const significantDigits = 60;
const roundHalfEven = 6;
const settings = ZERO.constructor as unknown as DecimalSettings;
// The fast path reproduces exactly these settings; under any others decimal.js does the division.
const fastPathValid = settings.precision === significantDigits && settings.rounding === roundHalfEven;

// Operand limits that keep every intermediate product below 2^53 (remainder × 10^7 + word).
const maxDividend = 4e15;
const maxDivisor = 9e8;
const wordBase = 1e7;

/** total / whole (whole > 0) as `total.dividedBy(whole)` gives it. */
export function divideDecimal(total: Decimal, whole: Decimal): Decimal {
  if (fastPathValid && !whole.isNegative()) {
    const dividend = scaledNumberOf(total);
    const divisor = scaledNumberOf(whole);
    if (
      dividend &&
      divisor &&
      dividend.integer !== 0 &&
      dividend.integer <= maxDividend &&
      divisor.integer > 0 &&
      divisor.integer <= maxDivisor
    ) {
      return quotient(
        total.isNegative(),
        dividend.integer,
        divisor.integer,
        divisor.scale - dividend.scale,
        total,
        whole,
      );
    }
  }
  return total.dividedBy(whole);
}

/**
 * total / whole as `total.dividedBy(whole)` gives it, from their magnitudes already read as scaled
 * integers (|total| = a × 10^−aScale ≠ 0, whole = b × 10^−bScale > 0, b ≤ 9·10^8).
 */
export function divideScaled(
  total: Decimal,
  whole: Decimal,
  a: number,
  aScale: number,
  b: number,
  bScale: number,
): Decimal {
  if (!fastPathValid || a > maxDividend || b > maxDivisor || a <= 0 || b <= 0) return total.dividedBy(whole);
  return quotient(total.isNegative(), a, b, bScale - aScale, total, whole);
}

// (a / b) × 10^shift, a > 0, b > 0, rounded at 60 significant digits, half to even, built directly
// as decimal.js words: base-10^7 digits aligned so that word k has the power of ten 10^(7·(J − k)).
function quotient(
  negative: boolean,
  a: number,
  b: number,
  shift: number,
  total: Decimal,
  whole: Decimal,
): Decimal {
  // a/b × 10^shift = (a·10^m / b) × 10^(7·j0), with 0 ≤ m < 7, so words of a·10^m / b are aligned.
  const m = ((shift % logBaseDigits) + logBaseDigits) % logBaseDigits;
  const j0 = (shift - m) / logBaseDigits;
  const power = powersOfTen[m] as number;
  let integer = Math.floor(a / b);
  let remainder = a - integer * b;
  if (remainder < 0) {
    integer--;
    remainder += b;
  } else if (remainder >= b) {
    integer++;
    remainder -= b;
  }
  if (integer > maxIntegerPart) return total.dividedBy(whole);
  const spread = remainder * power;
  let low = Math.floor(spread / b);
  remainder = spread - low * b;
  if (remainder < 0) {
    low--;
    remainder += b;
  } else if (remainder >= b) {
    low++;
    remainder -= b;
  }
  // The integer part of a·10^m / b, below 2^53, as up to three words.
  const scaledInteger = integer * power + low;
  const words: number[] = [];
  let wordExponent = 0;
  if (scaledInteger >= wordBase * wordBase) {
    const high = Math.floor(scaledInteger / (wordBase * wordBase));
    const rest = scaledInteger - high * wordBase * wordBase;
    const middle = Math.floor(rest / wordBase);
    words.push(high, middle, rest - middle * wordBase);
    wordExponent = 2;
  } else if (scaledInteger >= wordBase) {
    const middle = Math.floor(scaledInteger / wordBase);
    words.push(middle, scaledInteger - middle * wordBase);
    wordExponent = 1;
  } else if (scaledInteger > 0) {
    words.push(scaledInteger);
  } else {
    wordExponent = -1;
  }
  // Fraction words until the 61st significant digit (the rounding digit) is in a word.
  let firstDigits = words.length > 0 ? digitCount(words[0] as number) : 0;
  while (words.length === 0 || firstDigits + logBaseDigits * (words.length - 1) < significantDigits + 1) {
    const scaled = remainder * wordBase;
    let word = Math.floor(scaled / b);
    remainder = scaled - word * b;
    if (remainder < 0) {
      word--;
      remainder += b;
    } else if (remainder >= b) {
      word++;
      remainder -= b;
    }
    if (words.length === 0) {
      if (word === 0) {
        wordExponent--;
        continue;
      }
      firstDigits = digitCount(word);
    }
    words.push(word);
  }
  // Cut after 60 significant digits: `kept` digits of word `cut` stay (none when it is all dropped).
  const beyondFirst = significantDigits - firstDigits;
  const cut = 1 + Math.floor(beyondFirst / logBaseDigits);
  const kept = beyondFirst - logBaseDigits * (cut - 1);
  const dropUnit = powersOfTen[logBaseDigits - kept] as number;
  const cutWord = words[cut] as number;
  const dropped = cutWord % dropUnit;
  const half = dropUnit / 2;
  words.length = cut + 1;
  words[cut] = cutWord - dropped;
  let up = dropped > half || (dropped === half && remainder !== 0);
  if (dropped === half && remainder === 0) {
    // A tie: round to the even last kept digit.
    const lastKept = kept === 0 ? (words[cut - 1] as number) % 10 : Math.floor(cutWord / dropUnit) % 10;
    up = lastKept % 2 === 1;
  }
  if (up) {
    let index = cut;
    words[index] = (words[index] as number) + (kept === 0 ? wordBase : dropUnit);
    while (index > 0 && (words[index] as number) >= wordBase) {
      words[index] = (words[index] as number) - wordBase;
      index--;
      words[index] = (words[index] as number) + 1;
    }
    if ((words[0] as number) >= wordBase) {
      words[0] = (words[0] as number) - wordBase;
      words.unshift(1);
      wordExponent++;
    }
  }
  while (words.length > 1 && words[words.length - 1] === 0) words.pop();
  return decimalFromWords(
    negative,
    words,
    (j0 + wordExponent) * logBaseDigits + digitCount(words[0] as number) - 1,
  );
}

const logBaseDigits = 7;
// Keeps integer × 10^6 + word below 2^53.
const maxIntegerPart = 9e9;
const powersOfTen = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000];

function digitCount(word: number): number {
  let count = 1;
  while (count < 8 && word >= (powersOfTen[count] as number)) count++;
  return count;
}

/**
 * trunc((n / w) × 10^shift) at 18 decimal places, with the sign given; n ≥ 0, 0 < w ≤ 9·10^8, n < 2^53.
 * Undefined when the integer part is too large for plain numbers (the caller then uses BigInt).
 */
export function truncatedQuotient(
  negative: boolean,
  n: number,
  w: number,
  shift: number,
): Decimal | undefined {
  if (n === 0) return ZERO;
  const m = ((shift % logBaseDigits) + logBaseDigits) % logBaseDigits;
  const j0 = (shift - m) / logBaseDigits;
  const power = powersOfTen[m] as number;
  let integer = Math.floor(n / w);
  let remainder = n - integer * w;
  if (remainder < 0) {
    integer--;
    remainder += w;
  } else if (remainder >= w) {
    integer++;
    remainder -= w;
  }
  if (integer > maxIntegerPart) return undefined;
  const spread = remainder * power;
  let low = Math.floor(spread / w);
  remainder = spread - low * w;
  if (remainder < 0) {
    low--;
    remainder += w;
  } else if (remainder >= w) {
    low++;
    remainder -= w;
  }
  const scaledInteger = integer * power + low;
  // Words of n·10^m / w with their exponent (in words) relative to the point: 2, 1, 0, then −1, −2, …
  const high = Math.floor(scaledInteger / (wordBase * wordBase));
  const rest = scaledInteger - high * wordBase * wordBase;
  const middle = Math.floor(rest / wordBase);
  const words: number[] = [high, middle, rest - middle * wordBase];
  // The last word kept holds 10^−18 at absolute word exponent −3 (10^−21 … 10^−15).
  const lastRelative = cutWordExponent - j0;
  for (let relative = -1; relative >= lastRelative; relative--) {
    const scaled = remainder * wordBase;
    let word = Math.floor(scaled / w);
    remainder = scaled - word * w;
    if (remainder < 0) {
      word--;
      remainder += w;
    } else if (remainder >= w) {
      word++;
      remainder -= w;
    }
    words.push(word);
  }
  // words[i] has relative exponent 2 − i; keep those down to lastRelative, truncating that one.
  const lastIndex = 2 - lastRelative;
  if (lastIndex < 0) return ZERO;
  if (words.length > lastIndex + 1) words.length = lastIndex + 1;
  const lastWord = words[lastIndex] as number;
  words[lastIndex] = lastWord - (lastWord % cutWordDrop);
  let first = 0;
  while (first < words.length && words[first] === 0) first++;
  let end = words.length;
  while (end > first && words[end - 1] === 0) end--;
  if (first === end) return ZERO;
  const kept = first === 0 && end === words.length ? words : words.slice(first, end);
  const exponent = (j0 + 2 - first) * logBaseDigits + digitCount(kept[0] as number) - 1;
  return decimalFromWords(negative, kept, exponent);
}

// 10^−18 is digit 4 (from the top) of the word at exponent −3 (10^−21 … 10^−15): its last 3 digits go.
const cutWordExponent = -3;
const cutWordDrop = 1000;
