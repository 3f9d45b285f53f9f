// A fee shared out by size: its per-unit value (a stored column) and each slice's part, truncated
// toward zero at 18 decimal places, the storage scale, exactly as splitProRata truncates; the slice
// that completes a fill or lot takes the remainder instead, so the parts add up exactly.
import { type Decimal, quotient, truncatedShare, ZERO } from '@hookline/core';

const shareDecimalPlaces = 18;

/** `total` to be shared in proportion to parts of `whole` (whole > 0). */
export class ProportionalFee {
  /** The fee being shared. */
  readonly total: Decimal;
  /** total / whole (rounded at 60 significant digits when it does not terminate); ZERO for no fee. */
  readonly perUnit: Decimal;
  readonly #whole: Decimal;

  constructor(total: Decimal, whole: Decimal) {
    this.total = total;
    this.#whole = whole;
    this.perUnit = total.isZero() ? ZERO : quotient(total, whole);
  }

  /** trunc(total × part / whole) at 18 decimal places: never more than the exact share. */
  share(part: Decimal): Decimal {
    return this.total.isZero() ? ZERO : truncatedShare(this.total, part, this.#whole, shareDecimalPlaces);
  }
}
