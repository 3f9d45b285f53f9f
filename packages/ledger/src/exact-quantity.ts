// A positive quantity (a size, what is left of a lot or of a disposal, a price as a factor) as the
// engine computes with it: core's scaled integer, integer × 10^−scale, when it fits (scale within
// fixed point, so a product of two fits a USD amount's words), so comparing and subtracting sizes
// allocates nothing. A value that does not fit (or comes from another decimal.js copy) is computed
// with core's decimal operations instead, so every result is exactly what decimal arithmetic gives.
import {
  compare,
  type Decimal,
  decimalFromScaled,
  maxFixedScale,
  maxScaledInteger,
  minus,
  powersOfTen,
  readScaled,
  type ScaledNumber,
} from '@hookline/core';
import { ExactValue } from './exact-value.js';

/** A mutable exact quantity; see the file comment. */
export class ExactQuantity extends ExactValue implements ScaledNumber {
  /** The value is integer × 10^−scale, when isPlain(). */
  integer = 0;
  scale = 0;

  /** A new quantity holding `value` (positive). */
  static of(value: Decimal): ExactQuantity {
    return new ExactQuantity().setDecimal(value);
  }

  /** Becomes integer × 10^−scale (integer positive, at most maxScaledInteger; scale at most 21). */
  setScaled(integer: number, scale: number, decimal: Decimal | null = null): void {
    this.integer = integer;
    this.scale = scale;
    this.plainWritten(decimal);
  }

  /** Becomes a copy of `other`. */
  assign(other: ExactQuantity): void {
    this.integer = other.integer;
    this.scale = other.scale;
    this.assignValue(other);
  }

  /** this = a − b (either may be this). */
  setDifference(a: ExactQuantity, b: ExactQuantity): void {
    if (a.isPlain() && b.isPlain()) {
      const scale = Math.max(a.scale, b.scale);
      const aInteger = a.integer * (powersOfTen[scale - a.scale] as number);
      const bInteger = b.integer * (powersOfTen[scale - b.scale] as number);
      if (aInteger <= maxScaledInteger && bInteger <= maxScaledInteger && aInteger > bInteger) {
        this.setScaled(aInteger - bInteger, scale);
        return;
      }
    }
    this.setDecimal(minus(a.decimal, b.decimal));
  }

  protected read(value: Decimal): boolean {
    return !value.isNegative() && readScaled(value, this) && this.scale <= maxFixedScale;
  }

  protected toDecimal(): Decimal {
    return decimalFromScaled(this.integer, this.scale);
  }
}

/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareQuantities(a: ExactQuantity, b: ExactQuantity): number {
  if (a.isPlain() && b.isPlain()) {
    // Scaling up may go past 2^53, but rounding keeps the order of values that far apart.
    const aInteger = a.scale < b.scale ? a.integer * (powersOfTen[b.scale - a.scale] as number) : a.integer;
    const bInteger = b.scale < a.scale ? b.integer * (powersOfTen[a.scale - b.scale] as number) : b.integer;
    return aInteger < bInteger ? -1 : aInteger > bInteger ? 1 : 0;
  }
  return compare(a.decimal, b.decimal);
}
