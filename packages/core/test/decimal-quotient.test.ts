import { Decimal as OtherDecimalCopy } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quotient } from '../src/decimal-quotient.js';
import { type Decimal, dec } from '../src/index.js';
import { anyDecimal, internals, shortDecimal } from './support/decimal-arbitraries.js';

describe('quotient', () => {
  it.each([
    ['1', '4', '0.25'],
    ['2.50', '0.00000125', '2000000'],
    ['-3', '8', '-0.375'],
    ['1', '3', `0.${'3'.repeat(60)}`],
    ['2', '3', `0.${'6'.repeat(59)}7`],
    ['-2', '3', `-0.${'6'.repeat(59)}7`],
    ['0.01', '0.00000007', `142857.${'142857'.repeat(9)}`],
    ['12345678901234567890', '7', '1763668414462081127.14285714285714285714285714285714285714286'],
  ])('when %s is divided by %s then the quotient is %s', (x, y, expected) => {
    expect(quotient(dec(x), dec(y)).toFixed()).toBe(expected);
  });

  it.each([
    [`1${'0'.repeat(59)}1`, `5${'0'.repeat(59)}`],
    [`1${'0'.repeat(59)}3`, `5${'0'.repeat(58)}2`],
  ])(
    'when %s / 2 ends on a tie at the 61st digit then it rounds to the even 60th digit (%s)',
    (x, expected) => {
      expect(quotient(dec(x), dec('2')).toFixed()).toBe(expected);
    },
  );

  it('when any two decimals are divided then the quotient is the very value decimal.js gives', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (x, y) => {
        fc.pre(!y.isZero());
        expect(internals(quotient(x, y))).toEqual(internals(x.dividedBy(y)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('when a fee is divided by a fill size then the quotient is the very value decimal.js gives', () => {
    const fee = fc.tuple(
      fc.boolean(),
      fc.integer({ min: 1, max: 99_999_999 }),
      fc.integer({ min: 0, max: 8 }),
    );
    const size = fc.tuple(fc.integer({ min: 1, max: 900_000_000 }), fc.integer({ min: 0, max: 12 }));
    fc.assert(
      fc.property(fee, size, shortDecimal, ([negative, cents, feeScale], [units, sizeScale], other) => {
        const x = dec(`${negative ? '-' : ''}${cents}e-${feeScale}`);
        const y = dec(`${units}e-${sizeScale}`);
        expect(internals(quotient(x, y))).toEqual(internals(x.dividedBy(y)));
        if (!other.isZero()) expect(internals(quotient(other, y))).toEqual(internals(other.dividedBy(y)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('when the dividend comes from another copy of decimal.js then it is divided at our precision', () => {
    const foreign = new OtherDecimalCopy('2') as unknown as Decimal;

    expect(internals(quotient(foreign, dec('3')))).toEqual(internals(dec('2').dividedBy(3)));
  });
});
