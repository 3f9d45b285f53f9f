import { Decimal as DecimalLibrary } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, dec, ProRata, splitProRata } from '../src/index.js';
import { internals, shortDecimal } from './support/decimal-arbitraries.js';

// decimal.js's own arithmetic with enough digits that nothing is rounded before the final truncation.
const Wide = DecimalLibrary.clone({ precision: 400, rounding: DecimalLibrary.ROUND_DOWN });

function wideShare(total: Decimal, part: Decimal, whole: Decimal, decimalPlaces: number): Decimal {
  const share = new Wide(total).times(part).dividedBy(whole);
  return dec(share.toDecimalPlaces(decimalPlaces, DecimalLibrary.ROUND_DOWN).toFixed());
}

const moderateDecimal = fc
  .tuple(
    fc.boolean(),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 40 }),
    fc.integer({ min: -60, max: 30 }),
  )
  .map(([negative, digits, exponent]) => dec(`${negative ? '-' : ''}${digits}e${exponent}`));
const operand = fc.oneof({ weight: 4, arbitrary: shortDecimal }, { weight: 1, arbitrary: moderateDecimal });

describe('ProRata', () => {
  it.each([
    ['10', '1', '3', 18, '3.333333333333333333'],
    ['-10', '1', '3', 18, '-3.333333333333333333'],
    ['7', '-1', '-3', 4, '2.3333'],
    ['0.05', '0.3', '0.7', 2, '0.02'],
    ['1', '2', '3', 0, '0'],
    ['2.50', '0.00000001', '0.12345678', 18, '0.000000202500016605'],
    ['100', '1', '1', 18, '100'],
    ['0', '5', '7', 18, '0'],
    ['123456789012345678901234567890', '3', '7', 18, '52910052433862433814814814810'],
  ])(
    'when %s is shared by %s of %s at %i places then the share is %s',
    (total, part, whole, places, expected) => {
      expect(new ProRata(dec(total), dec(whole), places).share(dec(part)).toFixed()).toBe(expected);
    },
  );

  it.each([
    ['1', '4', '0.25'],
    ['2.50', '0.00000125', '2000000'],
    ['-2', '3', `-0.${'6'.repeat(59)}7`],
    ['0', '3', '0'],
  ])('when %s is spread over %s then the per-unit value is %s', (total, whole, expected) => {
    expect(new ProRata(dec(total), dec(whole)).perUnit.toFixed()).toBe(expected);
  });

  it.each([
    ['the whole is zero', '0', 18],
    ['the decimal places are negative', '1', -1],
    ['the decimal places are fractional', '1', 1.5],
  ])('when %s then it refuses', (_situation, whole, places) => {
    expect(() => new ProRata(dec('1'), dec(whole), places)).toThrow(/INVALID_ARGUMENT/);
  });

  it('when any total is shared then each share is decimal.js’s exact quotient truncated, in its canonical form', () => {
    fc.assert(
      fc.property(
        operand,
        operand,
        operand,
        operand,
        fc.integer({ min: 0, max: 24 }),
        (total, whole, a, b, places) => {
          fc.pre(!whole.isZero());
          const proRata = new ProRata(total, whole, places);
          // Two parts from one ProRata: the operands read once must serve every share.
          expect(internals(proRata.share(a))).toEqual(internals(wideShare(total, a, whole, places)));
          expect(internals(proRata.share(b))).toEqual(internals(wideShare(total, b, whole, places)));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('when any total is spread then the per-unit value is the very value decimal.js divides to', () => {
    fc.assert(
      fc.property(operand, operand, (total, whole) => {
        fc.pre(!whole.isZero());
        expect(internals(new ProRata(total, whole).perUnit)).toEqual(internals(total.dividedBy(whole)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('when a fee is shared over two slices then the first share is the one splitProRata gives', () => {
    const positive = (places: number) =>
      fc.bigInt({ min: 1n, max: 10n ** 24n }).map((units) => dec(`${units}e-${places}`));
    fc.assert(
      fc.property(positive(8), positive(18), positive(12), fc.boolean(), (total, part, extra, negative) => {
        const fee = negative ? total.negated() : total;

        expect(new ProRata(fee, part.plus(extra)).share(part).toFixed()).toBe(
          splitProRata(fee, [part, extra])[0]?.toFixed(),
        );
      }),
      { numRuns: 1_000 },
    );
  });
});
