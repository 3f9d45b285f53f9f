import { describe, expect, it } from 'vitest';
import { parseEntryCsv } from '../../src/index.js';

describe('entry file of the replay command', () => {
  it('when an entry file is read then each row has its time, symbol and quantity', () => {
    const rows = parseEntryCsv(
      'time,symbol,quantity\n2025-01-01T00:00:00Z,BTC-USD,0.5\n1735689660,ETH/USD,2\n',
    );

    expect(rows.map((row) => [row.timeMs, row.symbol, row.quantity.toString()])).toEqual([
      [Date.UTC(2025, 0, 1), 'BTC-USD', '0.5'],
      [Date.UTC(2025, 0, 1, 0, 1), 'ETH/USD', '2'],
    ]);
  });

  it.each([
    ['a wrong header', 'time,symbol,amount\n', /header must be "time,symbol,quantity"/],
    [
      'a zero quantity',
      'time,symbol,quantity\n2025-01-01T00:00:00Z,BTC/USD,0\n',
      /line 2: quantity must be above 0/,
    ],
    [
      'a time without offset',
      'time,symbol,quantity\n2025-01-01T00:00:00,BTC/USD,1\n',
      /line 2: time .* needs a UTC offset/,
    ],
    [
      'a bad quantity',
      'time,symbol,quantity\n2025-01-01T00:00:00Z,BTC/USD,one\n',
      /line 2: quantity "one" is not a decimal/,
    ],
    ['an empty symbol', 'time,symbol,quantity\n2025-01-01T00:00:00Z,,1\n', /line 2: symbol is empty/],
  ])('when the file has %s then the error names it', (_case, text, message) => {
    expect(() => parseEntryCsv(text)).toThrow(message);
  });
});
