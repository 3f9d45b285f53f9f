import { Decimal as OtherDecimalCopy } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { dec, HooklineError, isDecimal, ONE, ZERO } from '../src/index.js';

describe('dec', () => {
  it.each([
    ['123', '123'],
    ['-0.5', '-0.5'],
    ['+7', '7'],
    ['.25', '0.25'],
    ['1e-8', '0.00000001'],
    ['2.5E3', '2500'],
    ['0.000000000000000001', '0.000000000000000001'],
    ['123456789012345678901234.123456789012345678', '123456789012345678901234.123456789012345678'],
  ])('when given the string %s then it holds exactly %s', (text, expected) => {
    expect(dec(text).toString()).toBe(expected);
  });

  it.each([[42], [0], [-7], [Number.MAX_SAFE_INTEGER]])(
    'when given the integer %d then it holds it',
    (value) => {
      expect(dec(value).toString()).toBe(String(value));
    },
  );

  it('when given -0 as a number then it is plain zero', () => {
    expect(dec(-0).isNegative()).toBe(false);
  });

  it.each([
    [0.1, 'not a safe integer'],
    [Number.MAX_SAFE_INTEGER + 1, 'not a safe integer'],
    [Number.NaN, 'not a finite number'],
    [Number.POSITIVE_INFINITY, 'not a finite number'],
  ])('when given the number %d then it refuses with "%s"', (value, message) => {
    expect(() => dec(value)).toThrow(message);
  });

  it.each([
    [''],
    [' 1'],
    ['1,5'],
    ['0x10'],
    ['Infinity'],
    ['NaN'],
    ['1e'],
    ['abc'],
    ['--1'],
    ['1e99999999999999999'],
  ])('when given the malformed string "%s" then it refuses with INVALID_DECIMAL', (text) => {
    expect(() => dec(text)).toThrow(HooklineError);
    expect(() => dec(text)).toThrow(/INVALID_DECIMAL/);
  });

  it('when given a Decimal from another copy of decimal.js then it re-creates it with our settings', () => {
    const foreign = new OtherDecimalCopy('1');
    const ours = dec(foreign);

    // The default decimal.js precision is 20 digits; ours keeps 60.
    expect(foreign.dividedBy(3).toString()).toHaveLength(22);
    expect(ours.dividedBy(3).toString()).toHaveLength(62);
  });

  it('when given one of our Decimals then it returns the same instance', () => {
    const value = dec('1.5');

    expect(dec(value)).toBe(value);
  });

  it('when given a non-finite Decimal then it refuses', () => {
    expect(() => dec(new OtherDecimalCopy(Number.NaN))).toThrow(/INVALID_DECIMAL/);
  });
});

describe('decimal arithmetic exactness', () => {
  it.each([
    ['0.1', '0.2', 'plus', '0.3'],
    ['1', '0.000000000000000001', 'minus', '0.999999999999999999'],
    [
      '123456789.123456789012345678',
      '98765432.987654321098765432',
      'times',
      '12193263233043742.346898337456942538322511812221002896',
    ],
    ['1000000000000000000000', '0.000000000000000001', 'plus', '1000000000000000000000.000000000000000001'],
  ] as const)(
    'when %s and %s are combined by %s then the result is exactly %s',
    (left, right, operation, expected) => {
      expect(dec(left)[operation](dec(right)).toString()).toBe(expected);
    },
  );

  it('when a tiny value is printed then it never uses exponent notation', () => {
    expect(dec('1e-30').toString()).toBe('0.000000000000000000000000000001');
    expect(JSON.stringify({ fee: dec('1e-8') })).toBe('{"fee":"0.00000001"}');
  });
});

describe('constants and isDecimal', () => {
  it('when the constants are read then they are zero and one', () => {
    expect(ZERO.toString()).toBe('0');
    expect(ONE.toString()).toBe('1');
  });

  it.each([
    [dec('1'), true],
    [new OtherDecimalCopy(1), true],
    ['1', false],
    [1, false],
    [null, false],
    [{ d: [1], e: 0, s: 1 }, false],
  ])('when asked about %o then isDecimal says %s', (value, expected) => {
    expect(isDecimal(value)).toBe(expected);
  });
});
