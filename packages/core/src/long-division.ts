// Long division in plain numbers for the quotient fast paths: a dividend below 2^53 (or a product of
// two integers below 9·10^15) by a divisor of at most 9·10^8, one group of digits at a time. Every
// intermediate stays below 2^53 (remainder < 9·10^8 times at most 10^7), so each step is exact; the
// float division only guesses a digit, then it is fixed.
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
  // 1 / divisor: nextWord estimates each word by a multiplication, faster than a division.
  #reciprocal = 1;
  // The six words of a wide product (startProduct); a typed array, as its column sums exceed small
  // integers and a plain array of them would hold doubles.
  readonly #wide = new Float64Array(6);

  /**
   * Starts dividend / divisor × 10^shift so that its words line up with decimal.js's. False when the
   * integer part is too large for plain numbers.
   */
  start(dividend: number, divisor: number, shift: number): boolean {
    const m = ((shift % logBase) + logBase) % logBase;
    this.#remainder = dividend;
    this.#divisor = divisor;
    this.#reciprocal = 1 / divisor;
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
    const scaled = this.#remainder * scale;
    return this.#settle(scaled, Math.floor(scaled / this.#divisor));
  }

  /**
   * Starts a·b / divisor × 10^shift, as start() does, for integers 0 < a, b ≤ 9·10^15 whose product
   * may be beyond 2^53: then a·b·10^m is formed exactly in six words and divided from the top. False
   * when the integer part is too large for plain numbers.
   */
  startProduct(a: number, b: number, divisor: number, shift: number): boolean {
    const product = a * b;
    // Below 2^53 the product of two integers is exact (and above it, rounding keeps it above).
    if (product <= Number.MAX_SAFE_INTEGER) return this.start(product, divisor, shift);
    const m = ((shift % logBase) + logBase) % logBase;
    const wide = this.#wide;
    const aHigh = Math.floor(a / wordBase);
    const a2 = Math.floor(aHigh / wordBase);
    const a1 = aHigh - a2 * wordBase;
    const a0 = a - aHigh * wordBase;
    const bHigh = Math.floor(b / wordBase);
    const b2 = Math.floor(bHigh / wordBase);
    const b1 = bHigh - b2 * wordBase;
    const b0 = b - bHigh * wordBase;
    // Column sums of the word products (each below 3·10^14), then carries, then × 10^m (below 10^13
    // a word), lowest word first.
    wide[0] = a0 * b0;
    wide[1] = a1 * b0 + a0 * b1;
    wide[2] = a2 * b0 + a1 * b1 + a0 * b2;
    wide[3] = a2 * b1 + a1 * b2;
    wide[4] = a2 * b2;
    wide[5] = 0;
    const power = powersOfTen[m] as number;
    let carry = 0;
    let scaledCarry = 0;
    for (let index = 0; index < 6; index++) {
      const column = (wide[index] as number) + carry;
      carry = Math.floor(column / wordBase);
      const scaled = (column - carry * wordBase) * power + scaledCarry;
      scaledCarry = Math.floor(scaled / wordBase);
      wide[index] = scaled - scaledCarry * wordBase;
    }
    // a·b·10^m < 8.1·10^37 < 10^42, so nothing carries out of six words; now divide from the top.
    let remainder = 0;
    let integer = 0;
    for (let index = 5; index >= 0; index--) {
      const current = remainder * wordBase + (wide[index] as number);
      const word = Math.floor(current / divisor);
      remainder = current - word * divisor;
      integer = integer * wordBase + word;
    }
    // Beyond 2^53 the sum above was rounded: refused, as start() refuses a large integer part.
    if (integer > Number.MAX_SAFE_INTEGER) return false;
    this.#remainder = remainder;
    this.#divisor = divisor;
    this.#reciprocal = 1 / divisor;
    this.integer = integer;
    this.wordShift = (shift - m) / logBase;
    return true;
  }

  /**
   * The next base-10^7 word of the quotient. The estimate from the reciprocal is off by at most one
   * (both roundings are relative errors near 2^−53 of a quotient below 10^7), and the remainder,
   * exact because every value stays below 2^53, tells which way to fix it.
   */
  nextWord(): number {
    const scaled = this.#remainder * wordBase;
    return this.#settle(scaled, Math.floor(scaled * this.#reciprocal)) | 0;
  }

  // floor(scaled / divisor) from an estimate off by at most one, fixed by the remainder's sign; the
  // remainder becomes what is left.
  #settle(scaled: number, estimate: number): number {
    const divisor = this.#divisor;
    let digits = estimate;
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
  // `| 0`: each word below 10^7 is stored as a small integer, as decimal.js's words are.
  if (high > 0 || minWords >= 3) words.push(high | 0);
  if (high > 0 || middle > 0 || minWords >= 2) words.push(middle | 0);
  if (integer > 0 || minWords >= 1) words.push(low | 0);
}
