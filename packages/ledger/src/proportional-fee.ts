// A fee shared out by size: its per-unit value (a stored column) and each slice's part, truncated
// toward zero at 18 decimal places, the storage scale, exactly as splitProRata truncates; the slice
// that completes a fill or lot takes the remainder instead, so the parts add up exactly. A share is
// divided in plain numbers into fixed point (core's truncatedFixedQuotient) when total and whole are
// small once scaled, the usual case; otherwise core's ProRata divides.
import {
  type Decimal,
  type FixedPoint,
  maxFixedDivisor,
  ProRata,
  quotient,
  readScaled,
  type ScaledNumber,
  truncatedFixedQuotient,
  ZERO,
} from '@hookline/core';
import type { ExactAmount } from './exact-amount.js';
import type { ExactQuantity } from './exact-quantity.js';

const shareDecimalPlaces = 18;

/**
 * `total` to be shared in proportion to parts of `whole` (whole > 0): `perUnit` is total / whole
 * (rounded at 60 significant digits when it does not terminate), `share(part)` is
 * trunc(total × part / whole) at 18 decimal places, never more than the exact share.
 */
export class ProportionalFee {
  readonly total: Decimal;
  readonly whole: Decimal;
  // |total| and whole as scaled integers, when both fit the long division in plain numbers (#small).
  readonly #small: boolean;
  readonly #negative: boolean;
  readonly #totalInteger: number;
  readonly #totalScale: number;
  readonly #wholeInteger: number;
  readonly #wholeScale: number;
  #perUnit: Decimal | undefined;
  // Core's division, for operands too large for plain numbers (made when first needed).
  #large: ProRata | undefined;

  constructor(total: Decimal, whole: Decimal) {
    this.total = total;
    this.whole = whole;
    // ProRata refuses a zero or infinite whole; it is made at once then, to throw its error.
    if (whole.isZero() || !whole.isFinite()) this.#large = new ProRata(total, whole, shareDecimalPlaces);
    this.#small =
      !whole.isNegative() &&
      readScaled(total, scaledTotal) &&
      readScaled(whole, scaledWhole) &&
      scaledWhole.integer <= maxFixedDivisor;
    this.#negative = total.isNegative();
    this.#totalInteger = scaledTotal.integer;
    this.#totalScale = scaledTotal.scale;
    this.#wholeInteger = scaledWhole.integer;
    this.#wholeScale = scaledWhole.scale;
  }

  /**
   * total / whole at 60 significant digits, half to even (what `dec(total).dividedBy(whole)` gives):
   * made when first read, by core's quotient (its plain-number long division in the usual case).
   */
  get perUnit(): Decimal {
    this.#perUnit ??= this.total.isZero() ? ZERO : quotient(this.total, this.whole);
    return this.#perUnit;
  }

  /** trunc(total × part / whole) toward zero at 18 decimal places. */
  share(part: Decimal): Decimal {
    return this.#largeOperands().share(part);
  }

  /** into = share(part), in plain numbers when the operands are small once scaled. */
  shareInto(into: ExactAmount, part: ExactQuantity): void {
    if (this.total.isZero()) {
      into.setDecimal(ZERO);
      return;
    }
    if (this.#small && part.isPlain()) {
      const shift = this.#wholeScale - this.#totalScale - part.scale;
      const a = this.#totalInteger;
      const d = this.#wholeInteger;
      if (truncatedFixedQuotient(share, a, part.integer, d, shift, this.#negative, shareDecimalPlaces)) {
        into.setFixed(share.integer, share.f1, share.f2, share.f3);
        return;
      }
    }
    into.setDecimal(this.share(part.decimal));
  }

  #largeOperands(): ProRata {
    this.#large ??= new ProRata(this.total, this.whole, shareDecimalPlaces);
    return this.#large;
  }
}

// The operands as scaled integers, filled in place (see core's readScaled).
const scaledTotal: ScaledNumber = { integer: 0, scale: 0 };
const scaledWhole: ScaledNumber = { integer: 0, scale: 0 };
// Where a share is divided before the amount takes it (one at a time: nothing in between yields).
const share: FixedPoint = { integer: 0, f1: 0, f2: 0, f3: 0 };
