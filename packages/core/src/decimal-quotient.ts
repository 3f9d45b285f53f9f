// x / y exactly as decimal.js divides with our settings (60 significant digits, half to even), built
// by long division in plain numbers when both operands are small integers once scaled: the usual case
// for a fee over a fill size, where decimal.js's general division is the costliest step of a fill.
import { type Decimal, dec, HooklineDecimal } from './decimal.js';
import { decimalFromWords, digitCount, logBase, powersOfTen, wordBase } from './decimal-words.js';
import { LongDivision, maxLongDivisor, pushIntegerWords } from './long-division.js';
import { readScaled, type ScaledNumber } from './scaled-integer.js';

const significantDigits = 60;
// Keeps the first step (dividend / divisor) within plain-number range with room to spare.
const maxDividend = 4e15;
// The operands as scaled integers, filled in place on each call (see readScaled).
const dividend: ScaledNumber = { integer: 0, scale: 0 };
const divisor: ScaledNumber = { integer: 0, scale: 0 };
const division = new LongDivision();

/** x / y at 60 significant digits, half to even: the value `dec(x).dividedBy(y)` gives. */
export function quotient(x: Decimal, y: Decimal): Decimal {
  if (readScaled(x, dividend) && readScaled(y, divisor)) return scaledQuotient(x, y, dividend, divisor);
  return dec(x).dividedBy(y);
}

/** `quotient(x, y)` for a caller that has already read |x| and |y| as scaled integers. */
export function scaledQuotient(x: Decimal, y: Decimal, a: ScaledNumber, b: ScaledNumber): Decimal {
  if (hasOurSettings() && a.integer <= maxDividend && b.integer <= maxLongDivisor) {
    const negative = x.isNegative() !== y.isNegative();
    const result = roundedQuotient(negative, a.integer, b.integer, b.scale - a.scale);
    if (result) return result;
  }
  return dec(x).dividedBy(y);
}

// The fast path reproduces exactly these settings; under any others decimal.js divides.
function hasOurSettings(): boolean {
  return (
    HooklineDecimal.precision === significantDigits &&
    HooklineDecimal.rounding === HooklineDecimal.ROUND_HALF_EVEN
  );
}

// (a / b) × 10^shift for a, b > 0, rounded at 60 significant digits, half to even, as decimal.js words.
function roundedQuotient(negative: boolean, a: number, b: number, shift: number): Decimal | undefined {
  if (!division.start(a, b, shift)) return undefined;
  const words: number[] = [];
  pushIntegerWords(words, division.integer, 0);
  // The power of 10^7 of words[0], relative to wordShift.
  let wordExponent = words.length - 1;
  // Fraction words until the 61st significant digit (the rounding digit) is in a word.
  let firstDigits = words.length > 0 ? digitCount(words[0] as number) : 0;
  while (words.length === 0 || firstDigits + logBase * (words.length - 1) < significantDigits + 1) {
    const word = division.nextWord();
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
  const cut = 1 + Math.floor(beyondFirst / logBase);
  const kept = beyondFirst - logBase * (cut - 1);
  // `| 0`: powersOfTen holds doubles (it goes to 10^22), and `%` by a double is a call in V8.
  const dropUnit = (powersOfTen[logBase - kept] as number) | 0;
  const cutWord = words[cut] as number;
  const dropped = cutWord % dropUnit;
  const half = dropUnit / 2;
  words.length = cut + 1;
  // `| 0` on every word stored: a Decimal whose words are doubles makes V8 turn the word arrays of
  // every Decimal read at the same place into double arrays.
  words[cut] = (cutWord - dropped) | 0;
  let up = dropped > half || (dropped === half && !division.exact);
  if (dropped === half && division.exact) {
    // A tie: round to the even last kept digit.
    const lastKept = kept === 0 ? (words[cut - 1] as number) % 10 : Math.floor(cutWord / dropUnit) % 10;
    up = lastKept % 2 === 1;
  }
  if (up) {
    let index = cut;
    words[index] = ((words[index] as number) + (kept === 0 ? wordBase : dropUnit)) | 0;
    while (index > 0 && (words[index] as number) >= wordBase) {
      words[index] = ((words[index] as number) - wordBase) | 0;
      index--;
      words[index] = ((words[index] as number) + 1) | 0;
    }
    if ((words[0] as number) >= wordBase) {
      words[0] = ((words[0] as number) - wordBase) | 0;
      words.unshift(1);
      wordExponent++;
    }
  }
  while (words.length > 1 && words[words.length - 1] === 0) words.pop();
  const exponent = (division.wordShift + wordExponent) * logBase + digitCount(words[0] as number) - 1;
  return decimalFromWords(negative, words, exponent);
}
