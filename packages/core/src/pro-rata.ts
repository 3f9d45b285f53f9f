// A total shared in proportion to parts of a whole, as the ledger shares a fill's or a lot's fee over
// its slices. Each share is truncated toward zero, as splitProRata truncates, but computed exactly in
// integers (never rounded at 60 digits): by long division in plain numbers when the operands are small
// once scaled, the usual case, otherwise in BigInt. Total and whole are read once, for the per-unit
// quotient and every share: this runs for nearly every ledger row.
import { type Decimal, HooklineDecimal, ZERO } from './decimal.js';
import { quotient, scaledQuotient } from './decimal-quotient.js';
import { decimalFromWords, digitCount, logBase, powersOfTen } from './decimal-words.js';
import { HooklineError } from './errors.js';
import { LongDivision, maxLongDivisor, pushIntegerWords } from './long-division.js';
import { readScaled, type ScaledNumber } from './scaled-integer.js';

const maxExactProduct = 2 ** 53;
const bigPowersOfTen: bigint[] = [1n];
// The operands as scaled integers, filled in place (see readScaled).
const scaledTotal: ScaledNumber = { integer: 0, scale: 0 };
const scaledWhole: ScaledNumber = { integer: 0, scale: 0 };
const scaledPart: ScaledNumber = { integer: 0, scale: 0 };
const division = new LongDivision();

/** `total` shared in proportion to parts of `whole` (not zero). */
export class ProRata {
  readonly total: Decimal;
  readonly whole: Decimal;
  /** total / whole at 60 significant digits, half to even (what `dec(total).dividedBy(whole)` gives). */
  readonly perUnit: Decimal;
  readonly #decimalPlaces: number;
  // |total| and |whole| as scaled integers, when both are short enough for plain-number division
  // (#small); plain fields rather than objects, as one ProRata is made per fill and per lot.
  readonly #small: boolean;
  readonly #totalInteger: number;
  readonly #totalScale: number;
  readonly #wholeInteger: number;
  readonly #wholeScale: number;

  /** Shares are truncated at `decimalPlaces` (default 18, the storage scale). */
  constructor(total: Decimal, whole: Decimal, decimalPlaces = 18) {
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
    this.total = total;
    this.whole = whole;
    this.#decimalPlaces = decimalPlaces;
    this.#small =
      readScaled(total, scaledTotal) &&
      readScaled(whole, scaledWhole) &&
      scaledWhole.integer <= maxLongDivisor;
    this.#totalInteger = scaledTotal.integer;
    this.#totalScale = scaledTotal.scale;
    this.#wholeInteger = scaledWhole.integer;
    this.#wholeScale = scaledWhole.scale;
    if (total.isZero()) this.perUnit = ZERO;
    else if (this.#small) this.perUnit = scaledQuotient(total, whole, scaledTotal, scaledWhole);
    else this.perUnit = quotient(total, whole);
  }

  /**
   * trunc(total × part / whole) toward zero at the decimal places given: never more than the exact
   * share in magnitude, so shares taken from a total never overdraw it.
   */
  share(part: Decimal): Decimal {
    const { total, whole } = this;
    if (total.isZero() || part.isZero()) return ZERO;
    if (this.#small && readScaled(part, scaledPart)) {
      const product = this.#totalInteger * scaledPart.integer;
      if (product < maxExactProduct) {
        const negative = (total.isNegative() !== part.isNegative()) !== whole.isNegative();
        const shift = this.#wholeScale - this.#totalScale - scaledPart.scale;
        const share = truncatedQuotient(negative, product, this.#wholeInteger, shift, this.#decimalPlaces);
        if (share) return share;
      }
    }
    return bigIntShare(total, part, whole, this.#decimalPlaces);
  }
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
  // `| 0`: powersOfTen holds doubles (it goes to 10^22), and `%` by a double is a call in V8.
  const cutUnit = (powersOfTen[cutWords * logBase - places] as number) | 0;
  const lastRelative = -cutWords - wordShift;
  for (let relative = -1; relative >= lastRelative; relative--) words.push(division.nextWord());
  // words[i] has relative exponent 2 − i; keep those down to lastRelative, truncating that one.
  const lastIndex = 2 - lastRelative;
  if (lastIndex < 0) return ZERO;
  if (words.length > lastIndex + 1) words.length = lastIndex + 1;
  const lastWord = words[lastIndex] as number;
  words[lastIndex] = (lastWord - (lastWord % cutUnit)) | 0;
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
