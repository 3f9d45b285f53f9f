// The engine's plain-number arithmetic (exact-quantity.ts, exact-amount.ts, proportional-fee.ts, on
// core's fixed point and scaled integers) against core's decimal operations: every result must be
// the same value in the same internal form (sign, exponent and words), whether the fast path or the
// decimal fallback computed it.
import { type Decimal, dec, minus, ProRata, plus, times } from '@hookline/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactAmount } from '../src/exact-amount.js';
import { compareQuantities, ExactQuantity } from '../src/exact-quantity.js';
import { ProportionalFee } from '../src/proportional-fee.js';

// Values of every shape the fast paths take or refuse: up to 40 significant digits, scales from
// −4 (trailing zeros before the point) to 25 decimals, so both sides of each limit are drawn.
const magnitude = fc
  .record({
    digits: fc.bigInt({ min: 1n, max: 10n ** 40n }),
    scale: fc.integer({ min: -4, max: 25 }),
  })
  .map(({ digits, scale }) => dec(`${digits}e${-scale}`));
const signed = fc.oneof(
  {
    arbitrary: fc
      .tuple(magnitude, fc.boolean())
      .map(([value, negative]) => (negative ? value.negated() : value)),
    weight: 9,
  },
  // decimal.js gives zero a sign, and the engine must keep it.
  { arbitrary: fc.constantFrom(dec(0), dec('-0')), weight: 1 },
);
// A price may be zero.
const factor = fc.oneof({ arbitrary: magnitude, weight: 9 }, { arbitrary: fc.constant(dec(0)), weight: 1 });

// decimal.js's own form of a value: equal forms are equal values, and the same text and digits.
function form(value: Decimal): string {
  const { s, e, d } = value as unknown as { s: number; e: number; d: number[] };
  return `${s}|${e}|${d.join(',')}`;
}

const [a, b, result] = Array.from({ length: 3 }, () => new ExactAmount()) as [
  ExactAmount,
  ExactAmount,
  ExactAmount,
];
const [p, q, r] = Array.from({ length: 3 }, () => new ExactQuantity()) as [
  ExactQuantity,
  ExactQuantity,
  ExactQuantity,
];

describe('exact arithmetic', () => {
  it('when amounts are added and subtracted (chained too) then the results are core plus and minus', () => {
    fc.assert(
      fc.property(signed, signed, (x, y) => {
        a.setDecimal(x);
        b.setDecimal(y);
        result.setSum(a, b);
        expect(form(result.decimal)).toBe(form(plus(x, y)));
        result.setDifference(a, b);
        expect(form(result.decimal)).toBe(form(minus(x, y)));
        result.setSum(a, b);
        result.setDifference(result, b);
        expect(form(result.decimal)).toBe(form(minus(plus(x, y), y)));
      }),
      { numRuns: 2000 },
    );
  });

  it('when positive quantities are multiplied, compared and subtracted then the results are core times, compare and minus', () => {
    fc.assert(
      fc.property(magnitude, factor, (x, y) => {
        p.setDecimal(x);
        q.setDecimal(y);
        result.setProduct(p, q);
        expect(form(result.decimal)).toBe(form(times(x, y)));
        expect(compareQuantities(p, q)).toBe(x.comparedTo(y));
        r.setDifference(p, q);
        expect(form(r.decimal)).toBe(form(minus(x, y)));
      }),
      { numRuns: 2000 },
    );
  });

  it('when a fee is shared by size then the per-unit value and every share are core ProRata', () => {
    fc.assert(
      fc.property(signed, magnitude, magnitude, (total, whole, drawn) => {
        const part = drawn.greaterThan(whole) ? whole : drawn;
        const fee = new ProportionalFee(total, whole);
        const core = new ProRata(total, whole, 18);
        expect(form(fee.perUnit)).toBe(form(core.perUnit));
        p.setDecimal(part);
        fee.shareInto(result, p);
        expect(form(result.decimal)).toBe(form(core.share(part)));
      }),
      { numRuns: 2000 },
    );
  });
});
