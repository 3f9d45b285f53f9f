// A fee shared out by size: its per-unit value (a stored column) and each slice's part, truncated
// toward zero at 18 decimal places, the storage scale, exactly as splitProRata truncates; the slice
// that completes a fill or lot takes the remainder instead, so the parts add up exactly.
import { type Decimal, ProRata } from '@hookline/core';

const shareDecimalPlaces = 18;

/**
 * `total` to be shared in proportion to parts of `whole` (whole > 0): `perUnit` is total / whole
 * (rounded at 60 significant digits when it does not terminate), `share(part)` is
 * trunc(total × part / whole) at 18 decimal places, never more than the exact share.
 */
export class ProportionalFee extends ProRata {
  constructor(total: Decimal, whole: Decimal) {
    super(total, whole, shareDecimalPlaces);
  }
}
