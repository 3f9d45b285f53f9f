import { type Decimal, dec, HooklineDecimal, ZERO } from './decimal.js';
import { HooklineError } from './errors.js';

// Division that truncates at the last significant digit instead of rounding, for splitProRata:
// truncating twice (at digit 60, then at the part's decimal places) equals truncating once, so a
// part can never exceed its exact share.
const TruncatingDecimal = HooklineDecimal.clone({ rounding: HooklineDecimal.ROUND_DOWN });

/** How quantizeToTick moves a value that is not already a multiple of the tick. */
export type TickRounding = 'down' | 'up' | 'nearest';

const tickRoundingModes = {
  down: HooklineDecimal.ROUND_FLOOR,
  up: HooklineDecimal.ROUND_CEIL,
  // Ties go to the even multiple: unbiased, so repeated re-pricing does not creep one way.
  nearest: HooklineDecimal.ROUND_HALF_EVEN,
} as const;

/** The exact sum of the values; ZERO for none. */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/** The smallest of the values (the first one on a tie). */
export function min(first: Decimal, ...others: Decimal[]): Decimal {
  return others.reduce((smallest, value) => (value.lessThan(smallest) ? value : smallest), first);
}

/** The largest of the values (the first one on a tie). */
export function max(first: Decimal, ...others: Decimal[]): Decimal {
  return others.reduce((largest, value) => (value.greaterThan(largest) ? value : largest), first);
}

/**
 * The value truncated (toward zero) to a multiple of step, as exchanges require for order amounts:
 * truncating never asks for more than the balance we hold.
 */
export function quantizeDown(value: Decimal, step: Decimal): Decimal {
  requirePositive(step, 'step');
  return dec(value).toNearest(step, HooklineDecimal.ROUND_DOWN);
}

/** The value moved to a multiple of tick: down (toward −∞), up (toward +∞) or to the nearest. */
export function quantizeToTick(value: Decimal, tick: Decimal, mode: TickRounding): Decimal {
  requirePositive(tick, 'tick');
  return dec(value).toNearest(tick, tickRoundingModes[mode]);
}

/**
 * Splits total into parts proportional to weights that add up exactly to total, as the ledger
 * needs for a fill's fee spread over FIFO slices. Every part but the last is truncated to
 * decimalPlaces (the storage scale, so Postgres keeps it exactly) and the last takes the
 * remainder. Truncating, not rounding, keeps each part within its exact share, so the last part
 * never changes sign and differs from its share by less than (parts − 1) × 10^−decimalPlaces.
 */
export function splitProRata(total: Decimal, weights: readonly Decimal[], decimalPlaces = 18): Decimal[] {
  requireWeights(weights);
  if (!Number.isSafeInteger(decimalPlaces) || decimalPlaces < 0) {
    throw new HooklineError('INVALID_ARGUMENT', 'decimalPlaces must be a non-negative integer', {
      context: { decimalPlaces },
    });
  }
  const totalWeight = new TruncatingDecimal(sum(weights));
  const parts: Decimal[] = [];
  let allocated = ZERO;
  for (const weight of weights.slice(0, -1)) {
    const share = new TruncatingDecimal(dec(total).times(weight)).dividedBy(totalWeight);
    const part = dec(share.toDecimalPlaces(decimalPlaces, HooklineDecimal.ROUND_DOWN));
    parts.push(part);
    allocated = allocated.plus(part);
  }
  parts.push(dec(total).minus(allocated));
  return parts;
}

/** The change from `from` to `to` in percent of `from` (from 100 to 95 is −5). */
export function percentChange(from: Decimal, to: Decimal): Decimal {
  if (from.isZero()) {
    throw new HooklineError('INVALID_ARGUMENT', 'percent change from zero is undefined', {
      context: { from, to },
    });
  }
  // Multiply before dividing so the only rounding is the division's, at digit 60.
  return dec(to).minus(from).times(100).dividedBy(from);
}

function requirePositive(value: Decimal, name: string): void {
  if (!value.isFinite() || !value.greaterThan(0)) {
    throw new HooklineError('INVALID_ARGUMENT', `${name} must be positive`, { context: { [name]: value } });
  }
}

function requireWeights(weights: readonly Decimal[]): void {
  if (weights.length === 0) {
    throw new HooklineError('INVALID_ARGUMENT', 'splitProRata needs at least one weight');
  }
  if (weights.some((weight) => !weight.isFinite() || weight.lessThan(0))) {
    throw new HooklineError('INVALID_ARGUMENT', 'weights must be finite and not negative', {
      context: { weights: weights.map(String).join(',') },
    });
  }
  if (sum(weights).isZero()) {
    throw new HooklineError('INVALID_ARGUMENT', 'weights must not all be zero');
  }
}
