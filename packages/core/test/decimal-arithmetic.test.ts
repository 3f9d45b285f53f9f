import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentChange, type TickRounding } from '../src/decimal-arithmetic.js';
import {
  type Decimal,
  dec,
  max,
  min,
  quantizeDown,
  quantizeToTick,
  splitProRata,
  sum,
} from '../src/index.js';

const strings = (values: readonly Decimal[]): string[] => values.map((value) => value.toString());

describe('sum, min and max', () => {
  it('when values are summed then the total is exact, and zero for none', () => {
    expect(sum([dec('0.1'), dec('0.2'), dec('0.000000000000000001')]).toString()).toBe(
      '0.300000000000000001',
    );
    expect(sum([]).toString()).toBe('0');
  });

  it('when the smallest and largest are asked for then they are found among all values', () => {
    const values = [dec('2'), dec('-3.5'), dec('10'), dec('0')] as const;

    expect(min(...values).toString()).toBe('-3.5');
    expect(max(...values).toString()).toBe('10');
    expect(min(dec('7')).toString()).toBe('7');
  });
});

describe('quantizeDown', () => {
  it.each([
    ['1.23456789', '0.0001', '1.2345'],
    ['0.00009999', '0.0001', '0'],
    ['5', '0.5', '5'],
    ['7.9', '2', '6'],
    ['-1.23456', '0.01', '-1.23'],
  ])('when %s is quantized down to step %s then it becomes %s', (value, step, expected) => {
    expect(quantizeDown(dec(value), dec(step)).toString()).toBe(expected);
  });

  it.each([['0'], ['-0.1']])('when the step is %s then it refuses', (step) => {
    expect(() => quantizeDown(dec('1'), dec(step))).toThrow(/INVALID_ARGUMENT/);
  });
});

describe('quantizeToTick', () => {
  it.each<[string, string, TickRounding, string]>([
    ['100.037', '0.01', 'down', '100.03'],
    ['100.031', '0.01', 'up', '100.04'],
    ['100.036', '0.01', 'nearest', '100.04'],
    ['100.034', '0.01', 'nearest', '100.03'],
    ['100.035', '0.01', 'nearest', '100.04'],
    ['100.045', '0.01', 'nearest', '100.04'],
    ['100.03', '0.01', 'up', '100.03'],
    ['67432.17', '0.5', 'down', '67432'],
    ['-1.234', '0.01', 'down', '-1.24'],
  ])('when %s is moved to tick %s %s then it becomes %s', (value, tick, mode, expected) => {
    expect(quantizeToTick(dec(value), dec(tick), mode).toString()).toBe(expected);
  });

  it('when the tick is zero then it refuses', () => {
    expect(() => quantizeToTick(dec('1'), dec('0'), 'down')).toThrow(/INVALID_ARGUMENT/);
  });
});

describe('splitProRata', () => {
  it.each([
    ['1', ['1', '1', '1'], ['0.333333333333333333', '0.333333333333333333', '0.333333333333333334']],
    ['0.01', ['3', '7'], ['0.003', '0.007']],
    ['10', ['0', '1'], ['0', '10']],
    ['-0.07', ['1', '2', '4'], ['-0.01', '-0.02', '-0.04']],
    ['2.5', ['0.1', '0.2'], ['0.833333333333333333', '1.666666666666666667']],
  ])('when %s is split by weights %j then the parts are %j', (total, weights, expected) => {
    const parts = splitProRata(dec(total), weights.map(dec));

    expect(strings(parts)).toEqual(expected);
    expect(sum(parts).toString()).toBe(dec(total).toString());
  });

  it('when fewer decimal places are asked for then the parts are truncated to them', () => {
    expect(strings(splitProRata(dec('1'), [dec('1'), dec('1'), dec('1')], 2))).toEqual([
      '0.33',
      '0.33',
      '0.34',
    ]);
  });

  it.each([
    [[], 'at least one weight'],
    [['1', '-1'], 'not negative'],
    [['0', '0'], 'not all be zero'],
  ])('when the weights are %j then it refuses', (weights, message) => {
    expect(() => splitProRata(dec('1'), weights.map(dec))).toThrow(message);
  });

  // A decimal with up to 30 digits and up to 18 decimal places, like a fee or a fill size.
  const decimalArbitrary = (minimum: bigint) =>
    fc
      .tuple(fc.bigInt({ min: minimum, max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }))
      .map(([digits, scale]) => dec(`${digits}e-${scale}`));

  it('when any amount is split by any weights then the parts add up exactly and stay within their shares', () => {
    fc.assert(
      fc.property(
        decimalArbitrary(-(10n ** 30n)),
        fc
          .array(decimalArbitrary(0n), { minLength: 1, maxLength: 25 })
          .filter((weights) => !sum(weights).isZero()),
        (total, weights) => {
          const parts = splitProRata(total, weights);
          const totalWeight = sum(weights);

          expect(parts).toHaveLength(weights.length);
          expect(sum(parts).equals(total)).toBe(true);
          parts.forEach((part, index) => {
            const exactShareTimesWeight = total.abs().times(weights[index] ?? 0);
            // The last part takes the remainder, which is never smaller than its exact share.
            const withinShare = part.abs().times(totalWeight).lessThanOrEqualTo(exactShareTimesWeight);
            expect(index === parts.length - 1 || withinShare).toBe(true);
            expect(part.isZero() || part.isNegative() === total.isNegative()).toBe(true);
            expect(index === parts.length - 1 || part.decimalPlaces() <= 18).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('percentChange', () => {
  it.each([
    ['100', '95', '-5'],
    ['100', '103.5', '3.5'],
    ['0.00001234', '0.00001234', '0'],
  ])('when the price moves from %s to %s then the change is %s percent', (from, to, expected) => {
    expect(percentChange(dec(from), dec(to)).toString()).toBe(expected);
  });

  it('when the change does not terminate then it is rounded at the 60th significant digit', () => {
    expect(percentChange(dec('3'), dec('4')).toString()).toBe(`33.${'3'.repeat(58)}`);
    expect(percentChange(dec('3'), dec('5')).toString()).toBe(`66.${'6'.repeat(57)}7`);
  });

  it('when the starting value is zero then it refuses', () => {
    expect(() => percentChange(dec('0'), dec('1'))).toThrow(/INVALID_ARGUMENT/);
  });
});
