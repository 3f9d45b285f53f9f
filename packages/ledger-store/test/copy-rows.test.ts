import { describe, expect, it } from 'vitest';
import { copyField, copyText } from '../src/copy-rows.js';

describe('COPY text format', () => {
  it.each([
    ['null', null, '\\N'],
    ['a plain string', 'BTC/USD', 'BTC/USD'],
    ['the text \\N', '\\N', '\\\\N'],
    ['a tab, newline, return and backslash', 'a\tb\nc\rd\\e', 'a\\tb\\nc\\rd\\\\e'],
    ['an exact decimal', '0.00000001', '0.00000001'],
    ['a date', new Date('2024-03-01T12:00:00.123Z'), '2024-03-01T12:00:00.123Z'],
    ['true', true, 't'],
    ['false', false, 'f'],
    ['an integer', 7, '7'],
  ])('when the field is %s then it is written as COPY reads it back', (_name, value, expected) => {
    expect(copyField(value)).toBe(expected);
  });

  it('when rows are written then fields are tab-separated and each row ends with a newline', () => {
    expect(
      [
        ...copyText([
          ['a', null],
          ['b', 'c'],
        ]),
      ].join(''),
    ).toBe('a\t\\N\nb\tc\n');
  });
});
