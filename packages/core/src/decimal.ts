import { Decimal as DecimalLibrary } from 'decimal.js';
import { HooklineError } from './errors.js';

/**
 * The one decimal type for prices, quantities, fees and P&L (decimal.js, which Prisma's Decimal is
 * built on). Arithmetic uses the settings of the left operand's constructor, so values that come
 * from elsewhere (Prisma, whose copy rounds at 20 digits) go through `dec()` first.
 */
export type Decimal = DecimalLibrary;

/**
 * Our isolated constructor; `Decimal.set` elsewhere in the process cannot change it. Why:
 * - precision 60 significant digits: a quantity with 18 decimal places and 24 integer digits needs
 *   42; a price × quantity product of realistic values needs about 50. So +, − and × on realistic
 *   values are exact; only a division whose quotient does not terminate is rounded, at digit 60.
 * - ROUND_HALF_EVEN for that rare rounded quotient: unbiased, so repeated rounding does not drift.
 * - toExpNeg/toExpPos at their limits: toString() and JSON never use exponent notation ("1e-8"),
 *   so stored values, logs and golden files always read "0.00000001".
 */
export const HooklineDecimal = DecimalLibrary.clone({
  precision: 60,
  rounding: DecimalLibrary.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

// The grammar decimal.js accepts for plain decimals, without its hex/binary/octal, NaN and Infinity.
const decimalText = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True for any decimal.js instance, including Prisma's Decimal (a separate copy of the library). */
export function isDecimal(value: unknown): value is Decimal {
  return DecimalLibrary.isDecimal(value);
}

/**
 * A Decimal from a decimal string, a safe integer, or another Decimal (re-created with our settings).
 * Fractional JS numbers are refused: a binary float cannot hold 0.1, so money must come as a string.
 */
export function dec(value: string | number | Decimal): Decimal {
  // Already ours, the usual case in hot loops: Decimals are immutable, so it is returned as is.
  if (
    typeof value === 'object' &&
    value !== null &&
    value.constructor === HooklineDecimal &&
    value.isFinite()
  ) {
    return value;
  }
  if (typeof value === 'string') return fromText(value);
  if (typeof value === 'number') return fromNumber(value);
  if (isDecimal(value)) return fromDecimal(value);
  throw new HooklineError('INVALID_DECIMAL', `expected a decimal string, an integer or a Decimal`, {
    context: { type: typeof value },
  });
}

function fromText(text: string): Decimal {
  if (!decimalText.test(text)) {
    throw new HooklineError('INVALID_DECIMAL', `"${text}" is not a decimal number`, { context: { text } });
  }
  const value = new HooklineDecimal(text);
  if (!value.isFinite()) {
    throw new HooklineError('INVALID_DECIMAL', `"${text}" is out of range`, { context: { text } });
  }
  return value;
}

function fromNumber(value: number): Decimal {
  if (!Number.isFinite(value)) {
    throw new HooklineError('INVALID_DECIMAL', `${value} is not a finite number`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new HooklineError(
      'INVALID_DECIMAL',
      `${value} is not a safe integer: pass fractional or large values as strings to avoid binary rounding`,
    );
  }
  // `value === 0` is also true for -0, which would otherwise print as "-0".
  return new HooklineDecimal(value === 0 ? 0 : value);
}

function fromDecimal(value: Decimal): Decimal {
  if (!value.isFinite()) {
    throw new HooklineError('INVALID_DECIMAL', `${value.toString()} is not a finite decimal`);
  }
  // Each instance records its constructor; ours can be returned as is because Decimals are immutable.
  return value.constructor === HooklineDecimal ? value : new HooklineDecimal(value);
}

/** Zero with our settings. */
export const ZERO: Decimal = new HooklineDecimal(0);

/** One with our settings. */
export const ONE: Decimal = new HooklineDecimal(1);
