import { describe, expect, it } from 'vitest';
import { dec, roundUsd, toFixedString, toPlainString } from '../src/index.js';

describe('roundUsd', () => {
  it.each([
    ['2.345', '2.35'],
    ['2.344999', '2.34'],
    ['-2.345', '-2.35'],
    ['0.005', '0.01'],
    ['1234567.899', '1234567.9'],
    ['10', '10'],
  ])('when %s is rounded to cents then it becomes %s (half away from zero)', (value, expected) => {
    expect(roundUsd(dec(value)).toString()).toBe(expected);
  });
});

describe('toFixedString', () => {
  it.each([
    ['1.005', 2, '1.01'],
    ['1', 8, '1.00000000'],
    ['0.123456789', 4, '0.1235'],
    ['-0.001', 2, '0.00'],
    ['-1.5', 0, '-2'],
  ])('when %s is printed with %d places then it reads %s', (value, places, expected) => {
    expect(toFixedString(dec(value), places)).toBe(expected);
  });

  it.each([[-1], [1.5]])('when the number of places is %d then it refuses', (places) => {
    expect(() => toFixedString(dec('1'), places)).toThrow(/INVALID_ARGUMENT/);
  });
});

describe('toPlainString', () => {
  it.each([
    ['1e-8', '0.00000001'],
    ['1.5e21', '1500000000000000000000'],
    ['-0', '0'],
    ['0.100', '0.1'],
    ['-42.000000000000000001', '-42.000000000000000001'],
  ])('when %s is printed plainly then it reads %s', (value, expected) => {
    expect(toPlainString(dec(value))).toBe(expected);
  });
});
