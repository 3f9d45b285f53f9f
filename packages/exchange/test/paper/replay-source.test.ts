import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import {
  defaultPaperMarkets,
  type PaperMarketSpec,
  parseCandleCsv,
  parseTickCsv,
  ReplayPriceSource,
  tickFileQuotes,
} from '../../src/index.js';
import { candleFileQuotes } from '../../src/paper/replay-source.js';

// Zero spread so the quotes' mid is exactly the path.
const btc = { ...(defaultPaperMarkets[0] as PaperMarketSpec), spreadBps: dec('0') };
const candles = [
  'time,open,high,low,close,volume',
  '2025-01-01T00:00:00Z,100,110,90,105,8',
  '2025-01-01T01:00:00Z,105,108,95,96,4',
].join('\n');
const mids = (csv: string) => candleFileQuotes(csv, btc).map((quote) => quote.bid.toString());

describe('candle replay', () => {
  it('when an up candle is replayed then the path is open, low, high, close at each quarter of its interval', () => {
    const quotes = candleFileQuotes(candles, btc).slice(0, 4);

    expect(quotes.map((quote) => quote.bid.toString())).toEqual(['100', '90', '110', '105']);
    expect(quotes.map((quote) => quote.timeMs - Date.UTC(2025, 0, 1))).toEqual([
      0, 900_000, 1_800_000, 2_700_000,
    ]);
    expect(quotes.map((quote) => quote.volume.toString())).toEqual(['2', '2', '2', '2']);
  });

  it('when a down candle is replayed then the path is open, high, low, close', () => {
    expect(mids(candles).slice(4)).toEqual(['105', '108', '95', '96']);
  });

  it('when a candle file is replayed through the source then quotes come out as the clock reaches them', () => {
    const source = new ReplayPriceSource(candleFileQuotes(candles, btc));

    expect(source.advance(Date.UTC(2025, 0, 1, 0, 20))).toHaveLength(2);
    expect(source.advance(Date.UTC(2025, 0, 1, 0, 20))).toHaveLength(0);
    expect(source.advance(Date.UTC(2025, 0, 2))).toHaveLength(6);
    expect(source.finished).toBe(true);
  });

  it.each([
    ['a wrong header', 'time,o,h,l,c,v\n1,1,1,1,1,1', /header/],
    ['a high below the close', 'time,open,high,low,close,volume\n1700000000,10,11,9,12,1', /line 2/],
    ['a time without offset', 'time,open,high,low,close,volume\n2025-01-01T00:00:00,1,1,1,1,1', /offset/],
    ['a price that is not a number', 'time,open,high,low,close,volume\n1700000000,x,1,1,1,1', /line 2: open/],
    [
      'rows out of order',
      'time,open,high,low,close,volume\n1700000060,1,1,1,1,1\n1700000000,1,1,1,1,1',
      /time order/,
    ],
  ])('when a candle file has %s then it is refused with the reason', (_name, csv, message) => {
    expect(() => parseCandleCsv(csv)).toThrow(message);
  });
});

describe('tick replay', () => {
  it('when a tick file is read then symbols in any spelling map to markets with the level size', () => {
    const csv = [
      'time,symbol,bid,ask',
      '1735689600,BTC-USD,60000,60000.5',
      '1735689601000,eth/usd,3000,3000.1',
    ].join('\n');

    const quotes = tickFileQuotes(csv, defaultPaperMarkets);

    expect(
      quotes.map((quote) => [quote.symbol, quote.timeMs, quote.bid.toString(), quote.askSize.toString()]),
    ).toEqual([
      ['BTC/USD', 1_735_689_600_000, '60000', '0.5'],
      ['ETH/USD', 1_735_689_601_000, '3000', '5'],
    ]);
  });

  it('when a replay state is restored over other files then it is refused', () => {
    const short = new ReplayPriceSource([]);
    const state = new ReplayPriceSource(candleFileQuotes(candles, btc)).saveState();

    expect(() => short.restoreState(state)).toThrow(/different files/);
  });
});

describe('bad rows of tick and candle files', () => {
  const candleHeader = 'time,open,high,low,close,volume';
  const tickHeader = 'time,symbol,bid,ask';

  it.each([
    [
      'candle',
      (text: string) => parseCandleCsv(text),
      [
        candleHeader,
        '1700000000,1,1,1,1,1',
        '1700000060,x,1,1,1,1',
        '',
        '1700000120,1,1,1,1',
        '1700000180,10,11,9,12,1',
        '"1700000240",1,1,1,1,1',
      ],
      [
        '3 bad rows:',
        'line 3: open "x" is not a decimal',
        'line 5: expected 6 columns, found 5',
        'line 6: high must be',
      ],
    ],
    [
      'tick',
      (text: string) => parseTickCsv(text),
      [
        tickHeader,
        '2025-01-01T00:00:00Z,BTC/USD,100,101',
        '2025-01-01T00:00:01,BTC/USD,100,101',
        '2025-01-01T00:00:02Z,BTC/USD,101,100',
        '2025-01-01T00:00:03Z,"BTC/USD",100,101',
        '2025-01-01T00:00:04Z,BTC/USD,abc,101',
      ],
      [
        '3 bad rows:',
        'line 3: time',
        'needs a UTC offset',
        'line 4: ask must be above bid',
        'line 6: bid "abc"',
      ],
    ],
  ])(
    'when a %s file has several bad rows then one error lists every one with its line',
    (_kind, read, lines, parts) => {
      let message = '';
      try {
        read(lines.join('\r\n'));
      } catch (error) {
        message = (error as Error).message;
      }
      for (const part of parts) expect(message).toContain(part);
    },
  );

  it('when a file has more than 100 bad rows then 100 are listed and the rest counted', () => {
    const rows = Array.from({ length: 130 }, (_, index) => `${1700000000 + index * 60},x,1,1,1,1`);

    const read = () => parseCandleCsv(['time,open,high,low,close,volume', ...rows].join('\n'));

    expect(read).toThrow(/130 bad rows:/);
    expect(read).toThrow(/line 101: open "x"/);
    expect(read).not.toThrow(/line 102: open/);
    expect(read).toThrow(/\.\.\. and 30 more$/);
  });

  it('when a quote is never closed then the error names the line where the file breaks', () => {
    expect(() => parseTickCsv('time,symbol,bid,ask\n2025-01-01T00:00:00Z,"BTC/USD,100,101\n')).toThrow(
      /^(INVALID_ARGUMENT: )?line 2: Quote Not Closed/,
    );
  });
});
