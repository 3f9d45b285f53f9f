// A part's share of a total, truncated toward zero, as splitProRata gives it but computed exactly in
// integers: by long division in plain numbers when the operands are small once scaled (a fee shared
// over fill slices, for nearly every ledger row), otherwise in BigInt. Never rounded at 60 digits.
import { type Decimal, HooklineDecimal, ZERO } from './decimal.js';
import {
  decimalFromWords,
  digitCount,
  logBase,
  powersOfTen,
  readScaled,
  type ScaledNumber,
} from './decimal-words.js';
import { HooklineError } from './errors.js';
import { LongDivision, maxLongDivisor, pushIntegerWords } from './long-division.js';

const maxExactProduct = 2 ** 53;
const bigPowersOfTen: bigint[] = [1n];
// The operands as scaled integers, filled in place on each call (see readScaled).
const scaledTotal: ScaledNumber = { integer: 0, scale: 0 };
const scaledPart: ScaledNumber = { integer: 0, scale: 0 };
const scaledWhole: ScaledNumber = { integer: 0, scale: 0 };
const division = new LongDivision();

/**
 * trunc(total × part / whole) toward zero at decimalPlaces (default 18, the storage scale): never
 * more than the exact share in magnitude, so shares taken from a total never overdraw it.
 */
export function truncatedShare(total: Decimal, part: Decimal, whole: Decimal, decimalPlaces = 18): Decimal {
  if (!Number.isSafeInteger(decimalPlaces) || decimalPlaces < 0) {
    throw new HooklineError('INVALID_ARGUMENT', 'decimalPlaces must be a non-negative integer', {
      context: { decimalPlaces },
    });
  }
  if (whole.isZero() || !whole.isFinite()) {
    throw new HooklineError('INVALID_ARGUMENT', 'a share of a zero or infinite whole is undefined', {
      context: { whole },
    });
  }
  if (total.isZero() || part.isZero()) return ZERO;
  if (
    readScaled(total, scaledTotal) &&
    readScaled(part, scaledPart) &&
    readScaled(whole, scaledWhole) &&
    scaledWhole.integer <= maxLongDivisor
  ) {
    const product = scaledTotal.integer * scaledPart.integer;
    if (product < maxExactProduct) {
      const negative = (total.isNegative() !== part.isNegative()) !== whole.isNegative();
      const shift = scaledWhole.scale - scaledTotal.scale - scaledPart.scale;
      const share = truncatedQuotient(negative, product, scaledWhole.integer, shift, decimalPlaces);
      if (share) return share;
    }
  }
  return bigIntShare(total, part, whole, decimalPlaces);
}

// trunc((n / w) × 10^shift) at `places` decimals with the sign given; 0 < n < 2^53, 0 < w ≤ 9·10^8.
// Undefined when the integer part is too large for plain numbers.
function truncatedQuotient(
  negative: boolean,
  n: number,
  w: number,
  shift: number,
  places: number,
): Decimal | undefined {
  if (!division.start(n, w, shift)) return undefined;
  const { wordShift } = division;
  // Words of n·10^m / w with their exponent (in words, relative to wordShift): 2, 1, 0, then −1, −2, …
  const words: number[] = [];
  pushIntegerWords(words, division.integer, 3);
  // 10^−places lies in the word of exponent −cutWords; the digits of that word below cutUnit go.
  const cutWords = Math.ceil(places / logBase);
  const cutUnit = powersOfTen[cutWords * logBase - places] as number;
  const lastRelative = -cutWords - wordShift;
  for (let relative = -1; relative >= lastRelative; relative--) words.push(division.nextWord());
  // words[i] has relative exponent 2 − i; keep those down to lastRelative, truncating that one.
  const lastIndex = 2 - lastRelative;
  if (lastIndex < 0) return ZERO;
  if (words.length > lastIndex + 1) words.length = lastIndex + 1;
  const lastWord = words[lastIndex] as number;
  words[lastIndex] = lastWord - (lastWord % cutUnit);
  let first = 0;
  while (first < words.length && words[first] === 0) first++;
  let end = words.length;
  while (end > first && words[end - 1] === 0) end--;
  if (first === end) return ZERO;
  const kept = first === 0 && end === words.length ? words : words.slice(first, end);
  const exponent = (wordShift + 2 - first) * logBase + digitCount(kept[0] as number) - 1;
  return decimalFromWords(negative, kept, exponent);
}

function bigIntShare(total: Decimal, part: Decimal, whole: Decimal, places: number): Decimal {
  const [t, totalScale] = scaledBigInt(total);
  const [p, partScale] = scaledBigInt(part);
  const [w, wholeScale] = scaledBigInt(whole);
  // total × part / whole × 10^places with every factor an integer; `shift` is the power of ten left.
  const shift = places + wholeScale - totalScale - partScale;
  // BigInt division truncates toward zero.
  const share = shift >= 0 ? (t * p * tenTo(shift)) / w : (t * p) / (w * tenTo(-shift));
  return share === 0n ? ZERO : new HooklineDecimal(`${share}e-${places}`);
}

// [integer, scale] with value = integer × 10^−scale, read from the plain digits (toFixed never uses
// exponent notation).
function scaledBigInt(value: Decimal): [bigint, number] {
  const text = value.toFixed();
  const point = text.indexOf('.');
  if (point < 0) return [BigInt(text), 0];
  return [BigInt(text.slice(0, point) + text.slice(point + 1)), text.length - point - 1];
}

function tenTo(power: number): bigint {
  while (bigPowersOfTen.length <= power) {
    bigPowersOfTen.push((bigPowersOfTen[bigPowersOfTen.length - 1] as bigint) * 10n);
  }
  return bigPowersOfTen[power] as bigint;
}
