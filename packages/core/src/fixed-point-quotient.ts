// A share of a total in fixed point: trunc(a·b / d × 10^shift) toward zero at some decimals, for
// scaled integers a, b and d, by long division in plain numbers. The ledger's engine shares a fee by
// size this way for nearly every row, without making a Decimal: the digits go straight into fixed
// point's words, which line up with the division's base-10^7 words.
import { logBase, powersOfTen, wordBase } from './decimal-words.js';
import { type FixedPoint, maxFixedInteger, negateFixed } from './fixed-point.js';
import { LongDivision, maxLongDivisor } from './long-division.js';

/** The largest divisor truncatedFixedQuotient takes. */
export const maxFixedDivisor = maxLongDivisor;

const division = new LongDivision();

/**
 * into = ±trunc(a·b / d × 10^shift) at `places` decimals (at most 21), for integers 0 < a, b ≤ 9·10^15
 * and 0 < d ≤ maxFixedDivisor. False, leaving `into` unchanged, when the integer part is beyond the
 * fixed-point limit (the caller then divides with Decimals).
 */
export function truncatedFixedQuotient(
  into: FixedPoint,
  a: number,
  b: number,
  d: number,
  shift: number,
  negative: boolean,
  places: number,
): boolean {
  if (!division.startProduct(a, b, d, shift)) return false;
  const { integer: head, wordShift } = division;
  // The quotient's integer part (at 10^(7·wordShift)) in words h2, h1, h0, then division.nextWord()
  // for the words below it.
  const high = Math.floor(head / wordBase);
  const h2 = Math.floor(high / wordBase);
  const h1 = high - h2 * wordBase;
  const h0 = head - high * wordBase;
  const headLength = h2 > 0 ? 3 : h1 > 0 ? 2 : head > 0 ? 1 : 0;
  // 10^−places lies in the word of power −cutWord; the digits of that word below cutUnit go, and the
  // words after it are zero.
  const cutWord = Math.ceil(places / logBase);
  const cutUnit = (powersOfTen[cutWord * logBase - places] as number) | 0;
  let integer = 0;
  let f1 = 0;
  let f2 = 0;
  let f3 = 0;
  for (let power = wordShift + Math.max(headLength, 1) - 1; power >= -cutWord; power--) {
    const index = power - wordShift;
    // `| 0` (every word is below 10^7): `%` on a small integer is an instruction, on a double a call.
    let word = (index < 0 ? division.nextWord() : index === 0 ? h0 : index === 1 ? h1 : h2) | 0;
    if (power === -cutWord) word = (word - (word % cutUnit)) | 0;
    if (power >= 0) {
      integer = integer * wordBase + word;
      if (integer > maxFixedInteger) return false;
    } else if (power === -1) f1 = word;
    else if (power === -2) f2 = word;
    else f3 = word;
  }
  // Nothing can fail from here on, so `into` is written only now.
  into.integer = integer;
  into.f1 = f1;
  into.f2 = f2;
  into.f3 = f3;
  if (negative) negateFixed(into);
  return true;
}
