// A USD amount (a fee share, what is left of a fee, a row's basis or proceeds) as the engine computes
// with it: core's fixed point when it fits, so the arithmetic of a row allocates nothing until its
// columns are made. A value that does not fit, and any zero operand (decimal.js gives zero a sign),
// is computed with core's decimal operations instead, so every result is exactly what decimal
// arithmetic gives.
import {
  addFixed,
  type Decimal,
  decimalFromFixed,
  type FixedPoint,
  fixedFromScaled,
  isFixedZero,
  maxFixedInteger,
  maxFixedScale,
  minus,
  plus,
  readFixed,
  times,
  ZERO,
} from '@hookline/core';
import type { ExactQuantity } from './exact-quantity.js';
import { ExactValue } from './exact-value.js';

/** A mutable exact amount; its fixed-point words hold the value (never zero) when isPlain(). */
export class ExactAmount extends ExactValue implements FixedPoint {
  integer = 0;
  f1 = 0;
  f2 = 0;
  f3 = 0;

  /** A new amount holding `value`. */
  static of(value: Decimal): ExactAmount {
    return new ExactAmount().setDecimal(value);
  }

  /** Becomes a copy of `other`. */
  assign(other: ExactAmount): void {
    this.integer = other.integer;
    this.f1 = other.f1;
    this.f2 = other.f2;
    this.f3 = other.f3;
    this.assignValue(other);
  }

  /** Becomes integer + (f1·10^14 + f2·10^7 + f3)·10^−21 (words in [0, 10^7), |integer| within the limit). */
  setFixed(integer: number, f1: number, f2: number, f3: number): void {
    this.integer = integer;
    this.f1 = f1;
    this.f2 = f2;
    this.f3 = f3;
    this.#fixedWritten();
  }

  /** this = a + b (either may be this): `plus(a, b)`. */
  setSum(a: ExactAmount, b: ExactAmount): void {
    if (a.isPlain() && b.isPlain() && addFixed(this, a, b, 1)) this.#fixedWritten();
    else this.setDecimal(plus(a.decimal, b.decimal));
  }

  /** this = a − b (either may be this): `minus(a, b)`. */
  setDifference(a: ExactAmount, b: ExactAmount): void {
    if (a.isPlain() && b.isPlain() && addFixed(this, a, b, -1)) this.#fixedWritten();
    else this.setDecimal(minus(a.decimal, b.decimal));
  }

  /** this = quantity × factor: `times(quantity, factor)`. */
  setProduct(quantity: ExactQuantity, factor: ExactQuantity): void {
    if (quantity.isPlain() && factor.isPlain()) {
      const integer = quantity.integer * factor.integer;
      const scale = quantity.scale + factor.scale;
      // Below 2^53 the product of two integers is exact (and above it, rounding keeps it above).
      if (integer <= Number.MAX_SAFE_INTEGER && scale <= maxFixedScale) {
        fixedFromScaled(this, integer, scale);
        if (this.integer <= maxFixedInteger) {
          this.#fixedWritten();
          return;
        }
      }
    }
    this.setDecimal(times(quantity.decimal, factor.decimal));
  }

  protected read(value: Decimal): boolean {
    return readFixed(value, this);
  }

  protected toDecimal(): Decimal {
    return decimalFromFixed(this);
  }

  #fixedWritten(): void {
    // decimal.js's zero from a sum or difference of non-zero values is +0.
    if (isFixedZero(this)) this.decimalOnly(ZERO);
    else this.plainWritten(null);
  }
}
