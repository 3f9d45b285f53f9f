// A fee shared out by size: its per-unit value (a stored column) and each slice's part, truncated
// toward zero at 18 decimal places, the storage scale, exactly as splitProRata truncates; the slice
// that completes a fill or lot takes the remainder instead, so the parts add up exactly.
import { type Decimal, ZERO } from '@hookline/core';
import { decimalFromScaled } from './decimal-digits.js';
import { scaledNumberOf } from './decimal-ops.js';
import { divideDecimal, divideScaled, truncatedQuotient } from './quotient.js';

const shareDecimalPlaces = 18;
const powersOfTen: bigint[] = [1n];

/** `total` to be shared in proportion to parts of `whole` (whole > 0). */
export class ProportionalFee {
  /** The fee being shared. */
  readonly total: Decimal;
  /** total / whole (rounded at 60 significant digits when it does not terminate); ZERO for no fee. */
  readonly perUnit: Decimal;
  readonly #whole: Decimal;
  #scaled: ScaledFee | undefined;
  #small: SmallOperands | false | undefined;

  constructor(total: Decimal, whole: Decimal) {
    this.total = total;
    this.#whole = whole;
    if (total.isZero()) {
      this.perUnit = ZERO;
      return;
    }
    // Read once: the per-unit quotient and every later share use the same scaled integers.
    this.#small = smallOperands(total, whole);
    const small = this.#small;
    this.perUnit = small
      ? divideScaled(total, whole, small.total, small.totalScale, small.whole, small.wholeScale)
      : divideDecimal(total, whole);
  }

  /**
   * trunc(total × part / whole) at 18 decimal places: never more than the exact share. In integers
   * (BigInt), because a decimal.js division at 60 digits costs about ten multiplications and this
   * runs for nearly every allocation row; the result is the same number splitProRata gives.
   */
  share(part: Decimal): Decimal {
    if (this.total.isZero()) return ZERO;
    this.#small ??= smallOperands(this.total, this.#whole);
    const small = this.#small;
    if (small) {
      // The same truncated quotient in plain numbers when every product stays exact (the usual case).
      const scaledPart = scaledNumberOf(part);
      if (scaledPart) {
        const product = small.total * scaledPart.integer;
        if (product < maxExactProduct) {
          const shift = small.wholeScale - small.totalScale - scaledPart.scale;
          const share = truncatedQuotient(small.negative, product, small.whole, shift);
          if (share) return share;
        }
      }
    }
    this.#scaled ??= { total: scaledInteger(this.total), whole: scaledInteger(this.#whole) };
    const { total, whole } = this.#scaled;
    const [units, scale] = scaledInteger(part);
    // total × part / whole × 10^18 with every factor an integer; `shift` is the power of ten left over.
    const shift = shareDecimalPlaces + whole[1] - total[1] - scale;
    const product = total[0] * units;
    // BigInt division truncates toward zero, like splitProRata's ROUND_DOWN.
    const share = shift >= 0 ? (product * tenTo(shift)) / whole[0] : product / (whole[0] * tenTo(-shift));
    return decimalFromScaled(share, shareDecimalPlaces);
  }
}

// Total and whole as exact plain-number integers (total's magnitude), when they are small enough.
interface SmallOperands {
  readonly negative: boolean;
  readonly total: number;
  readonly totalScale: number;
  readonly whole: number;
  readonly wholeScale: number;
}

const maxExactProduct = 2 ** 53;
const maxSmallWhole = 9e8;

function smallOperands(total: Decimal, whole: Decimal): SmallOperands | false {
  const scaledTotal = scaledNumberOf(total);
  const scaledWhole = scaledNumberOf(whole);
  if (!scaledTotal || !scaledWhole || whole.isNegative()) return false;
  if (scaledWhole.integer <= 0 || scaledWhole.integer > maxSmallWhole) return false;
  return {
    negative: total.isNegative(),
    total: scaledTotal.integer,
    totalScale: scaledTotal.scale,
    whole: scaledWhole.integer,
    wholeScale: scaledWhole.scale,
  };
}

// [integer, scale] with value = integer × 10^−scale.
type ScaledInteger = readonly [bigint, number];

interface ScaledFee {
  readonly total: ScaledInteger;
  readonly whole: ScaledInteger;
}

// Read from the plain digits (toFixed never uses exponent notation).
function scaledInteger(value: Decimal): ScaledInteger {
  const text = value.toFixed();
  const point = text.indexOf('.');
  if (point < 0) return [BigInt(text), 0];
  return [BigInt(text.slice(0, point) + text.slice(point + 1)), text.length - point - 1];
}

function tenTo(power: number): bigint {
  while (powersOfTen.length <= power) powersOfTen.push((powersOfTen[powersOfTen.length - 1] as bigint) * 10n);
  return powersOfTen[power] as bigint;
}
