// A fee shared out by size: its per-unit value (a stored column) and each slice's part, truncated
// toward zero at 18 decimal places, the storage scale, exactly as splitProRata truncates; the slice
// that completes a fill or lot takes the remainder instead, so the parts add up exactly.
import { type Decimal, dec, ZERO } from '@hookline/core';

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

  constructor(total: Decimal, whole: Decimal) {
    this.total = total;
    this.#whole = whole;
    this.perUnit = total.isZero() ? ZERO : total.dividedBy(whole);
  }

  /**
   * trunc(total × part / whole) at 18 decimal places: never more than the exact share. In integers
   * (BigInt), because a decimal.js division at 60 digits costs about ten multiplications and this
   * runs for nearly every allocation row; the result is the same number splitProRata gives.
   */
  share(part: Decimal): Decimal {
    if (this.total.isZero()) return ZERO;
    this.#scaled ??= { total: scaledInteger(this.total), whole: scaledInteger(this.#whole) };
    const { total, whole } = this.#scaled;
    const [units, scale] = scaledInteger(part);
    // total × part / whole × 10^18 with every factor an integer; `shift` is the power of ten left over.
    const shift = shareDecimalPlaces + whole[1] - total[1] - scale;
    const product = total[0] * units;
    // BigInt division truncates toward zero, like splitProRata's ROUND_DOWN.
    const share = shift >= 0 ? (product * tenTo(shift)) / whole[0] : product / (whole[0] * tenTo(-shift));
    return dec(`${share}e-${shareDecimalPlaces}`);
  }
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
