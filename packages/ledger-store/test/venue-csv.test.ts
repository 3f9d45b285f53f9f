import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { krakenPair } from '../src/venue-csv/kraken-assets.js';
import { detectVenueFormat, readVenueCsv } from '../src/venue-csv/read-venue-csv.js';

const fixture = (name: string) => new URL(`./fixtures/venues/${name}`, import.meta.url).pathname;
const usd = new Set(['USD', 'USDC', 'USDT']);
const scratch = mkdtempSync(join(tmpdir(), 'hookline-venue-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const path = join(scratch, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('venue exports', () => {
  it.each([
    ['coinbase-fills.csv', 'coinbase-fills', 3, []],
    [
      'coinbase-transactions.csv',
      'coinbase-transactions',
      3,
      [
        ['Receive', 1],
        ['Staking Income', 1],
        ['Send', 1],
      ],
    ],
    ['kraken-trades.csv', 'kraken-trades', 3, []],
    [
      'kraken-ledgers.csv',
      'kraken-ledgers',
      3,
      [
        ['deposit', 1],
        ['withdrawal', 1],
        ['staking', 1],
      ],
    ],
  ])(
    'when %s is read then it is %s with %i fills and its non-trades counted',
    async (name, format, fills, skipped) => {
      const read = await readVenueCsv(fixture(name), usd);
      expect(read.problems).toEqual([]);
      expect(read.format.name).toBe(format);
      expect(read.fills).toHaveLength(fills);
      expect([...read.skipped]).toEqual(skipped);
    },
  );

  it('when a Coinbase transaction history is read then dollar amounts, signed sells and the preamble are understood', async () => {
    const read = await readVenueCsv(fixture('coinbase-transactions.csv'), usd);
    const sell = read.fills.find((fill) => fill.side === 'sell');
    expect(sell).toMatchObject({
      line: 8,
      tradeId: '65a4d3e2f1a0b9c8d7e6f5a4',
      symbol: 'BTC/USD',
      feeCurrency: 'USD',
    });
    expect([sell?.price.toFixed(), sell?.size.toFixed(), sell?.fee.toFixed()]).toEqual([
      '69000',
      '0.01',
      '10.25',
    ]);
    expect(sell?.executedAt.toISOString()).toBe('2024-03-15T12:00:09.000Z');
  });

  it('when Kraken ledger rows share a refid then they become one fill, its KFEE fee valued at 0.01 USD', async () => {
    const read = await readVenueCsv(fixture('kraken-ledgers.csv'), usd);
    const [btc, eth, sell] = read.fills;
    expect(btc).toMatchObject({
      tradeId: 'TJKLXX-PTMBK-KJN7D2',
      symbol: 'BTC/USD',
      side: 'buy',
      feeCurrency: 'USD',
    });
    expect([btc?.price.toFixed(), btc?.size.toFixed(), btc?.fee.toFixed()]).toEqual([
      '48000',
      '0.01',
      '1.248',
    ]);
    expect(eth).toMatchObject({ symbol: 'ETH/USD', side: 'buy' });
    expect(sell).toMatchObject({
      tradeId: 'TQ7VNI-OZ3IO-6QJ5FS',
      symbol: 'ETH/USD',
      side: 'sell',
      feeCurrency: 'KFEE',
    });
    expect([sell?.price.toFixed(), sell?.fee.toFixed(), sell?.feeUsd?.toFixed()]).toEqual([
      '3000',
      '195',
      '1.95',
    ]);
  });

  it.each([
    ['XXBTZUSD', 'BTC/USD'],
    ['XETHZUSD', 'ETH/USD'],
    ['XETHXXBT', 'ETH/BTC'],
    ['XBTUSDT', 'BTC/USDT'],
    ['SOLUSD', 'SOL/USD'],
    ['XDGUSD', 'DOGE/USD'],
    ['XBT/EUR', 'BTC/EUR'],
  ])('when the Kraken pair is %s then the symbol is %s', (pair, symbol) => {
    expect(krakenPair(pair)).toBe(symbol);
  });

  it('when a fee is in a third asset with no known USD value then the row is refused with its line', async () => {
    const path = file('third.csv', [
      '"txid","refid","time","type","subtype","aclass","asset","wallet","amount","fee","balance"',
      '"L1","T1","2024-02-12 15:04:33","trade","","currency","ZUSD","spot / main",-480.0000,0.0000,1.0',
      '"L2","T1","2024-02-12 15:04:33","trade","","currency","XXBT","spot / main",0.0100000000,0.0000000000,0.01',
      '"L3","T1","2024-02-12 15:04:33","trade","","currency","DOT","spot / main",0.00,0.2500,4.0',
    ]);
    const read = await readVenueCsv(path, usd);
    expect(read.problems).toEqual([
      'line 2: fee 0.25 DOT is in neither BTC nor USD and neither the file nor the venue gives its USD value at the time of the fill; refused',
    ]);
  });

  it('when rows are bad then each problem names its line and what was wrong', async () => {
    const path = file('bad.csv', [
      '"txid","ordertxid","pair","time","type","ordertype","price","cost","fee","vol","margin","misc","ledgers"',
      '"T1","O1","XXBTZUSD","2024-02-12 15:04:33","buy","limit","48000","480","1.2","0.01","0","",""',
      '"T0","O0","XXBTZUSD","2024-02-12 15:04:33","buy","limit","abc","480","1.2","0.01","0","",""',
      '"T2","O2","XXBTQQQ","2024-02-12 15:04:33","buy","limit","48000","480","1.2","0.01","0","",""',
      '"T3","O3","XXBTZUSD","2024-02-31 15:04:33","buy","limit","48000","480","1.2","0.01","0","",""',
      '"T1","O1","XXBTZUSD","2024-02-12 15:04:33","buy","limit","48000","480","1.2","0.01","0","",""',
      '"T5","O5","XXBTZUSD"',
    ]);
    const read = await readVenueCsv(path, usd);
    expect(read.problems).toEqual([
      'line 7: 3 fields where the header has 13',
      'line 3: price: "abc" is not a number',
      'line 4: pair: "XXBTQQQ" does not end with a quote currency Hookline knows',
      'line 5: time: "2024-02-31 15:04:33" is not a real date',
      'line 6: trade id "T1" already appears on line 2',
    ]);
  });

  it('when a Kraken ledger trade has one leg then it is refused with its refid and lines', async () => {
    const path = file('one-leg.csv', [
      '"txid","refid","time","type","subtype","aclass","asset","wallet","amount","fee","balance"',
      '"L1","T1","2024-02-12 15:04:33","trade","","currency","ZUSD","spot / main",-480.0000,0.0000,1.0',
    ]);
    expect((await readVenueCsv(path, usd)).problems).toEqual([
      'line 2: refid T1 (lines 2): a trade needs exactly one asset spent and one received',
    ]);
  });

  it('when the header is Hookline’s own or unknown then no venue format is detected', async () => {
    expect(
      await detectVenueFormat(
        file('own.csv', ['time,account,symbol,side,quantity,price,fee,fee_currency,trade_id,order_id']),
      ),
    ).toBeUndefined();
    expect(await detectVenueFormat(file('other.csv', ['date,pair,side,qty']))).toBeUndefined();
  });
});
