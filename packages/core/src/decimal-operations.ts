// +, −, × and compare for hot loops (the FIFO engine does several per fill). Each gives exactly the
// value decimal.js gives with our settings, but decimal.js copies its operand and normalises on every
// call; these work on its words directly when both operands are short values of ours, so the result
// has at most 8 words (56 digits) and is exact within the 60-digit precision. Anything else (zeros,
// long values, Decimals from elsewhere) goes to decimal.js itself.
import { type Decimal, dec } from './decimal.js';
import {
  decimalFromWords,
  digitCount,
  firstWordExponent,
  isShort,
  logBase,
  wordBase,
  wordsOf,
} from './decimal-words.js';

const maxWords = 8;
// The column sums of times(), one call at a time (nothing in between yields).
const columns = new Float64Array(maxWords);

/** x × y: the value `dec(x).times(y)` gives. */
export function times(x: Decimal, y: Decimal): Decimal {
  const a = wordsOf(x);
  const b = wordsOf(y);
  if (!isShort(a) || !isShort(b)) return dec(x).times(y);
  const ad = a.d as number[];
  const bd = b.d as number[];
  const la = ad.length;
  const lb = bd.length;
  if (la + lb > maxWords) return dec(x).times(y);
  // product[0] is the carry word above the product of the first words. Column sums pass 2^31, so they
  // are summed in a reused typed array of doubles rather than in a fresh plain array.
  const product = columns;
  product.fill(0, 0, la + lb);
  for (let i = 0; i < la; i++) {
    const word = ad[i] as number;
    for (let j = 0; j < lb; j++)
      product[i + j + 1] = (product[i + j + 1] as number) + word * (bd[j] as number);
  }
  for (let index = la + lb - 1; index > 0; index--) {
    const value = product[index] as number;
    if (value >= wordBase) {
      const carry = Math.floor(value / wordBase);
      product[index] = value - carry * wordBase;
      product[index - 1] = (product[index - 1] as number) + carry;
    }
  }
  let top = firstWordExponent(a.e) + firstWordExponent(b.e) + 1;
  let first = 0;
  while (product[first] === 0) {
    first++;
    top--;
  }
  let end = la + lb;
  while (product[end - 1] === 0) end--;
  // The result's words in a fresh array, each `| 0`: a Decimal whose words are doubles makes V8 turn
  // the word arrays of every Decimal read at the same place into double arrays (a new backing store
  // for each).
  const words: number[] = [];
  for (let index = first; index < end; index++) words.push((product[index] as number) | 0);
  return decimalFromWords(a.s * b.s < 0, words, top * logBase + digitCount(words[0] as number) - 1);
}

/** x + y: the value `dec(x).plus(y)` gives. */
export function plus(x: Decimal, y: Decimal): Decimal {
  return add(x, y, 1) ?? dec(x).plus(y);
}

/** x − y: the value `dec(x).minus(y)` gives. */
export function minus(x: Decimal, y: Decimal): Decimal {
  return add(x, y, -1) ?? dec(x).minus(y);
}

/** −1, 0 or 1 as x is less than, equal to or greater than y (`x.comparedTo(y)`). */
export function compare(x: Decimal, y: Decimal): number {
  const a = wordsOf(x);
  const b = wordsOf(y);
  if (!isShort(a) || !isShort(b)) return x.comparedTo(y);
  if (a.s !== b.s) return a.s > b.s ? 1 : -1;
  let order = 0;
  if (a.e !== b.e) order = a.e > b.e ? 1 : -1;
  else {
    const ad = a.d as number[];
    const bd = b.d as number[];
    const length = Math.min(ad.length, bd.length);
    for (let index = 0; index < length && order === 0; index++) {
      if (ad[index] !== bd[index]) order = (ad[index] as number) > (bd[index] as number) ? 1 : -1;
    }
    if (order === 0 && ad.length !== bd.length) order = ad.length > bd.length ? 1 : -1;
  }
  return a.s < 0 && order !== 0 ? -order : order;
}

// x + ySign·y, or undefined when the fast path does not apply (a zero result included).
function add(x: Decimal, y: Decimal, ySign: number): Decimal | undefined {
  const a = wordsOf(x);
  const b = wordsOf(y);
  if (!isShort(a) || !isShort(b)) return undefined;
  const ad = a.d as number[];
  const bd = b.d as number[];
  const aTop = firstWordExponent(a.e);
  const bTop = firstWordExponent(b.e);
  const top = Math.max(aTop, bTop);
  const bottom = Math.min(aTop - ad.length + 1, bTop - bd.length + 1);
  const length = top - bottom + 1;
  if (length > maxWords) return undefined;
  const aSign = a.s;
  const bSign = b.s * ySign;
  // Magnitudes on a common grid: index i has the power 10^(7·(top − i)).
  const sum: number[] = [];
  for (let index = length; index > 0; index--) sum.push(0);
  const aOffset = top - aTop;
  const bOffset = top - bTop;
  let negative: boolean;
  if (aSign === bSign) {
    for (let i = 0; i < ad.length; i++) sum[aOffset + i] = ad[i] as number;
    for (let i = 0; i < bd.length; i++) sum[bOffset + i] = (sum[bOffset + i] as number) + (bd[i] as number);
    negative = aSign < 0;
  } else {
    // Subtract the smaller magnitude from the larger one.
    const order = compareMagnitudes(ad, aOffset, bd, bOffset, length);
    if (order === 0) return undefined;
    const sign = order > 0 ? 1 : -1;
    for (let i = 0; i < ad.length; i++) sum[aOffset + i] = sign * (ad[i] as number);
    for (let i = 0; i < bd.length; i++)
      sum[bOffset + i] = (sum[bOffset + i] as number) - sign * (bd[i] as number);
    negative = (order > 0 ? aSign : bSign) < 0;
  }
  // Carries and borrows, from the last word up.
  let carry = 0;
  for (let index = length - 1; index >= 0; index--) {
    let value = (sum[index] as number) + carry;
    carry = 0;
    if (value >= wordBase) {
      value -= wordBase;
      carry = 1;
    } else if (value < 0) {
      value += wordBase;
      carry = -1;
    }
    sum[index] = value;
  }
  let first = top;
  if (carry > 0) {
    sum.unshift(carry);
    first++;
  }
  let start = 0;
  while (start < sum.length && sum[start] === 0) {
    start++;
    first--;
  }
  let end = sum.length;
  while (end > start && sum[end - 1] === 0) end--;
  if (start === end) return undefined;
  sum.length = end;
  for (let index = 0; index < start; index++) sum.shift();
  return decimalFromWords(negative, sum, first * logBase + digitCount(sum[0] as number) - 1);
}

function compareMagnitudes(
  ad: number[],
  aOffset: number,
  bd: number[],
  bOffset: number,
  length: number,
): number {
  for (let index = 0; index < length; index++) {
    const aWord = index >= aOffset && index - aOffset < ad.length ? (ad[index - aOffset] as number) : 0;
    const bWord = index >= bOffset && index - bOffset < bd.length ? (bd[index - bOffset] as number) : 0;
    if (aWord !== bWord) return aWord > bWord ? 1 : -1;
  }
  return 0;
}
