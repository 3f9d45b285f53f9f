import { describe, expect, it } from 'vitest';
import { candleTimeframeMs, validateCandles } from '../../src/index.js';

const HEADER = 'time,open,high,low,close,volume';
const HOUR = candleTimeframeMs['1h'];
const options = { file: 'btc.csv', timeframeMs: HOUR, warmupCandles: 2 };

/** A candle file of rows given as `hour,open,high,low,close,volume` (hour 0 = 2025-01-01T00:00Z). */
function csv(...rows: string[]): string {
  return [
    HEADER,
    ...rows.map((row) => {
      const [hour = '0', ...rest] = row.split(',');
      return [new Date(Date.UTC(2025, 0, 1, Number(hour))).toISOString(), ...rest].join(',');
    }),
  ].join('\n');
}

function problemOf(text: string, warmupCandles = 2): string {
  try {
    validateCandles(text, { ...options, warmupCandles });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('validateCandles', () => {
  it('when every candle is good then the rows come back in order', () => {
    const rows = validateCandles(csv('0,10,12,9,11,5', '1,11,13,10,12,6', '2,12,12,11,11,0'), options);
    expect(rows.map((row) => row.close.toString())).toEqual(['11', '12', '11']);
  });

  it.each([
    [
      'a gap of two candles',
      csv('0,10,12,9,11,5', '1,11,13,10,12,6', '4,12,12,11,11,1'),
      'btc.csv line 4: gap: 2 candles missing from 2025-01-01T02:00:00Z to 2025-01-01T03:00:00Z (after line 3)',
    ],
    [
      'a duplicate time',
      csv('0,10,12,9,11,5', '1,11,13,10,12,6', '1,11,13,10,12,6'),
      'btc.csv line 4: duplicate time 2025-01-01T01:00:00Z (also on line 3)',
    ],
    [
      'an unsorted time',
      csv('0,10,12,9,11,5', '2,11,13,10,12,6', '1,11,13,10,12,6'),
      "btc.csv line 4: time 2025-01-01T01:00:00Z is before line 3's 2025-01-01T02:00:00Z",
    ],
    ['a zero price', csv('0,10,12,9,11,5', '1,0,13,0,12,6'), 'btc.csv line 3: open must be above 0, found 0'],
    [
      'a negative price',
      csv('0,10,12,9,11,5', '1,-1,13,-2,12,6'),
      'btc.csv line 3: low must be above 0, found -2',
    ],
    [
      'a negative volume',
      csv('0,10,12,9,11,5', '1,11,13,10,12,-6'),
      'btc.csv line 3: volume must not be negative, found -6',
    ],
    [
      'a high below the low',
      csv('0,10,12,9,11,5', '1,11,9,13,12,6'),
      'btc.csv line 3: high must be ≥ open and close, low ≤ open and close',
    ],
    [
      'a time off the timeframe',
      csv('0,10,12,9,11,5', '1,11,13,10,12,6').replace('01T01:00', '01T01:30'),
      'btc.csv line 3: time 2025-01-01T01:30:00Z is 90m after line 2: not a whole number of 1h candles',
    ],
    ['a value that is not a number', csv('0,10,12,9,11,5', '1,x,13,10,12,6'), 'btc.csv line 3: open "x"'],
    [
      'too few candles for the warm-up',
      csv('0,10,12,9,11,5'),
      'btc.csv: 1 candles, too few: the indicators need 2 to warm up',
    ],
  ])('when the file has %s then the problem is named with the file and line', (_name, text, expected) => {
    expect(problemOf(text)).toContain(expected);
  });

  it('when a file has several problems then one error lists them all in line order', () => {
    const message = problemOf(csv('0,10,12,9,11,-1', '0,10,12,9,11,5', '3,0,1,0,1,1', '4,x,1,1,1,1'), 10);
    expect(message.split('\n')).toEqual([
      'INVALID_ARGUMENT: btc.csv: 7 problems:',
      '  btc.csv line 2: volume must not be negative, found -1',
      '  btc.csv line 3: duplicate time 2025-01-01T00:00:00Z (also on line 2)',
      '  btc.csv line 4: open must be above 0, found 0',
      '  btc.csv line 4: low must be above 0, found 0',
      expect.stringContaining('  btc.csv line 4: gap: 2 candles missing'),
      '  btc.csv line 5: open "x" is not a decimal',
      '  btc.csv: 2 candles, too few: the indicators need 10 to warm up',
    ]);
  });

  it('when a row is refused by the parser then the step across it is not called a gap', () => {
    const message = problemOf(csv('0,10,12,9,11,5', '1,x,13,10,12,6', '2,11,13,10,12,6'));
    expect(message).not.toContain('gap');
  });

  it('when more than 100 problems then the first 100 are listed and the rest counted', () => {
    const rows = Array.from({ length: 130 }, (_, hour) => `${hour},10,12,9,11,-1`);
    const message = problemOf(csv(...rows));
    expect(message.split('\n')).toHaveLength(1 + 100 + 1);
    expect(message).toContain('... and 30 more');
  });

  it('when the header is wrong then the error names the file', () => {
    expect(() => validateCandles('t,o,h,l,c,v\n1,1,1,1,1,1', options)).toThrow(
      /^INVALID_ARGUMENT: btc\.csv: the header/,
    );
  });
});
