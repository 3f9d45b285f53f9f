import { Decimal as OtherDecimalCopy } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, type Decimal, dec, minus, plus, times } from '../src/index.js';
import { anyDecimal, internals, shortDecimal } from './support/decimal-arbitraries.js';

describe('plus, minus and times', () => {
  it.each([
    ['0.1', '0.2', '0.3', '-0.1', '0.02'],
    ['123.45', '-0.00000001', '123.44999999', '123.45000001', '-0.0000012345'],
    ['9999999', '1', '10000000', '9999998', '9999999'],
    ['0.00000001', '0.00000001', '0.00000002', '0', '0.0000000000000001'],
    ['2.5', '0', '2.5', '2.5', '0'],
    ['-7', '-3', '-10', '-4', '21'],
    [
      '12345678901234567890.123456789',
      '0.000000000000000001',
      '12345678901234567890.123456789000000001',
      '12345678901234567890.123456788999999999',
      '12.345678901234567890123456789',
    ],
  ])(
    'when %s and %s are combined then the sum is %s, the difference %s and the product %s',
    (x, y, sum, difference, product) => {
      expect(plus(dec(x), dec(y)).toFixed()).toBe(sum);
      expect(minus(dec(x), dec(y)).toFixed()).toBe(difference);
      expect(times(dec(x), dec(y)).toFixed()).toBe(product);
    },
  );

  it('when any two decimals are combined then each result is the very value decimal.js gives', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (x, y) => {
        expect(internals(plus(x, y))).toEqual(internals(x.plus(y)));
        expect(internals(minus(x, y))).toEqual(internals(x.minus(y)));
        expect(internals(times(x, y))).toEqual(internals(x.times(y)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('when a value meets itself then the difference is zero and the sum is twice it', () => {
    fc.assert(
      fc.property(shortDecimal, (x) => {
        const copy = dec(x.toFixed());
        expect(internals(minus(x, copy))).toEqual(internals(dec(0)));
        expect(internals(plus(x, copy))).toEqual(internals(x.times(2)));
      }),
    );
  });

  it('when an operand comes from another copy of decimal.js then the result is ours, at our precision', () => {
    const foreign = new OtherDecimalCopy('1.000000000000000000000000001') as unknown as Decimal;

    expect(internals(times(foreign, dec('3')))).toEqual(internals(dec(foreign).times(3)));
    expect(internals(plus(dec('2'), foreign))).toEqual(internals(dec(foreign).plus(2)));
    expect(minus(foreign, dec('1')).toFixed()).toBe('0.000000000000000000000000001');
  });
});

describe('compare', () => {
  it.each([
    ['1', '2', -1],
    ['2', '1', 1],
    ['1.50', '1.5', 0],
    ['-1', '-2', 1],
    ['-0.00000001', '0', -1],
    ['0', '0', 0],
    ['10000000', '9999999.9999999', 1],
  ])('when %s is compared with %s then the order is %i', (x, y, order) => {
    expect(compare(dec(x), dec(y))).toBe(order);
  });

  it('when any two decimals are compared then the order is decimal.js comparedTo', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (x, y) => {
        expect(compare(x, y)).toBe(x.comparedTo(y));
        expect(compare(x, dec(x.toFixed()))).toBe(0);
      }),
      { numRuns: 5_000 },
    );
  });
});
