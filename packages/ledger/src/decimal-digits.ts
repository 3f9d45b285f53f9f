// Decimals built straight from digits, for the engine's hot path. A decimal.js value is a sign, the
// exponent of its first digit and its digits in base-10^7 words aligned on that exponent; building
// it here gives the same value (and the same internal form) as parsing the text, without the parse.
import { type Decimal, ZERO } from '@hookline/core';

const logBase = 7;
// Our constructor (core's HooklineDecimal), reached through a value it made.
const HooklineDecimal = ZERO.constructor as new (value: number) => Decimal;
const prototype = HooklineDecimal.prototype as object;

interface DecimalInternals {
  s: number;
  e: number;
  d: number[];
}

/**
 * The decimal sign × 0.digits × 10^(exponent + 1), i.e. `exponent` is the power of ten of the first
 * digit. `digits` must not start with 0 unless it is all zeros (the value is then zero).
 * Mirrors decimal.js's parseDecimal, so the result is the value `new Decimal(text)` would give.
 */
export function decimalFromDigits(negative: boolean, digits: string, exponent: number): Decimal {
  let length = digits.length;
  while (length > 0 && digits.charCodeAt(length - 1) === 48) length--;
  if (length === 0) return ZERO;
  if (exponent > 9e15 || exponent < -9e15) throw new RangeError('decimal exponent out of range');
  let text = length === digits.length ? digits : digits.slice(0, length);
  const words: number[] = [];
  let index = (exponent + 1) % logBase;
  if (exponent < 0) index += logBase;
  if (index < length) {
    if (index) words.push(+text.slice(0, index));
    for (length -= logBase; index < length; index += logBase) {
      words.push(+text.slice(index, index + logBase));
    }
    text = text.slice(index);
    index = logBase - text.length;
  } else {
    index -= length;
  }
  for (; index--; ) text += '0';
  words.push(+text);
  return decimalFromWords(negative, words, exponent);
}

/** A Decimal from decimal.js internals: words aligned on the exponent, the last one not zero. */
export function decimalFromWords(negative: boolean, words: number[], exponent: number): Decimal {
  // What decimal.js's constructor makes: an own `constructor`, then sign, exponent and words.
  const value = Object.create(prototype) as DecimalInternals & { constructor: unknown };
  value.constructor = HooklineDecimal;
  value.s = negative ? -1 : 1;
  value.e = exponent;
  value.d = words;
  return value as unknown as Decimal;
}

/** integer × 10^−scale as a Decimal (the integer's text, as BigInt or plain digits, with an optional '-'). */
export function decimalFromScaled(integer: bigint | string, scale: number): Decimal {
  const text = typeof integer === 'string' ? integer : integer.toString();
  const negative = text.charCodeAt(0) === 45;
  const digits = negative ? text.slice(1) : text;
  let first = 0;
  while (first < digits.length - 1 && digits.charCodeAt(first) === 48) first++;
  const significant = first === 0 ? digits : digits.slice(first);
  return decimalFromDigits(negative, significant, significant.length - 1 - scale);
}
