// Decimals for the fast-path properties: mostly short values (the fast paths' domain: money and sizes),
// some long or extreme ones (the decimal.js fallbacks), and zeros.
import fc from 'fast-check';
import { type Decimal, dec } from '../../src/index.js';

const digits = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength });

function decimalOf(sign: boolean, text: string, exponent: number): Decimal {
  return dec(`${sign ? '-' : ''}${text}e${exponent}`);
}

/** A short value: up to 15 digits at a money-like scale. */
export const shortDecimal = fc
  .tuple(fc.boolean(), digits(15), fc.integer({ min: -20, max: 8 }))
  .map(([sign, text, exponent]) => decimalOf(sign, text, exponent));

/** Any decimal: short ones, long ones (up to 45 digits), large exponents and zero. */
export const anyDecimal: fc.Arbitrary<Decimal> = fc.oneof(
  { weight: 6, arbitrary: shortDecimal },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.boolean(), digits(45), fc.integer({ min: -60, max: 30 }))
      .map(([sign, text, exponent]) => decimalOf(sign, text, exponent)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.boolean(), digits(3), fc.integer({ min: -200, max: 200 }))
      .map(([sign, text, exponent]) => decimalOf(sign, text, exponent)),
  },
  { weight: 1, arbitrary: fc.constant(dec(0)) },
);

/** What a Decimal is made of: equal internals mean equal values in every later operation. */
export function internals(value: Decimal): unknown {
  const { s, e, d } = value as unknown as { s: number; e: number; d: number[] };
  return {
    text: value.toFixed(),
    s: value.isZero() ? 0 : s,
    e,
    d: [...d],
    ours: value.constructor === dec(0).constructor,
  };
}
