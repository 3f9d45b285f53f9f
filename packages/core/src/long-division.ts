// Long division in plain numbers for the quotient fast paths: a dividend below 2^53 by a divisor of at
// most 9·10^8, one group of digits at a time. Every intermediate stays below 2^53 (remainder < 9·10^8
// times at most 10^7), so each step is exact; the float division only guesses a digit, then it is fixed.
import { logBase, powersOfTen, wordBase } from './decimal-words.js';

export const maxLongDivisor = 9e8;
// Keeps integer × 10^6 + the next digits below 2^53.
const maxIntegerPart = 9e9;

/**
 * One division at a time, reused by its module (this runs for nearly every ledger row, so it does
 * not allocate; nothing in between yields, so two divisions never interleave).
 */
export class LongDivision {
  /** The integer part of dividend·10^m / divisor (0 ≤ m < 7), after start(). */
  integer = 0;
  /** (shift − m) / 7: the power of 10^7 by which the quotient's words are scaled, after start(). */
  wordShift = 0;
  #remainder = 0;
  #divisor = 1;

  /**
   * Starts dividend / divisor × 10^shift so that its words line up with decimal.js's. False when the
   * integer part is too large for plain numbers.
   */
  start(dividend: number, divisor: number, shift: number): boolean {
    const m = ((shift % logBase) + logBase) % logBase;
    this.#remainder = dividend;
    this.#divisor = divisor;
    const whole = this.next(1);
    if (whole > maxIntegerPart) return false;
    const power = powersOfTen[m] as number;
    this.integer = whole * power + this.next(power);
    this.wordShift = (shift - m) / logBase;
    return true;
  }

  /** True when everything divided so far came out even. */
  get exact(): boolean {
    return this.#remainder === 0;
  }

  /** floor(remainder × scale / divisor); the remainder becomes what is left. */
  next(scale: number): number {
    const divisor = this.#divisor;
    const scaled = this.#remainder * scale;
    let digits = Math.floor(scaled / divisor);
    let remainder = scaled - digits * divisor;
    if (remainder < 0) {
      digits--;
      remainder += divisor;
    } else if (remainder >= divisor) {
      digits++;
      remainder -= divisor;
    }
    this.#remainder = remainder;
    return digits;
  }

  /** The next base-10^7 word of the quotient. */
  nextWord(): number {
    return this.next(wordBase);
  }
}

/**
 * Appends an integer below 2^53 to `words` as base-10^7 words, most significant first: at least
 * `minWords` of them (leading zeros), none for zero when minWords is 0.
 */
export function pushIntegerWords(words: number[], integer: number, minWords: number): void {
  const high = Math.floor(integer / (wordBase * wordBase));
  const rest = integer - high * wordBase * wordBase;
  const middle = Math.floor(rest / wordBase);
  const low = rest - middle * wordBase;
  if (high > 0 || minWords >= 3) words.push(high);
  if (high > 0 || middle > 0 || minWords >= 2) words.push(middle);
  if (integer > 0 || minWords >= 1) words.push(low);
}
