// The 24 h change on our Ticker, from each source: the Coinbase ticker channel's
// price_percent_chg_24_h, ccxt's percentage (or its 24 h open and last), and the paper exchange's own
// minute history. A source without it leaves the change undefined, never a guessed 0.
import { dec, TestClock } from '@hookline/core';
import type { Ticker as CcxtTicker } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { tickerFromCcxt } from '../src/ccxt/ccxt-market-mapping.js';
import { parseTickerMessage } from '../src/coinbase/ticker-channel-parser.js';
import { defaultPaperMarkets, PaperExchange, ScriptedPriceSource } from '../src/index.js';

const markets = defaultPaperMarkets.map((spec) => spec.market);
const resolve = (productId: string) => markets.find((market) => market.exchangeSymbol === productId);
const receivedAt = new Date(Date.UTC(2025, 0, 2, 12, 0, 5));

function channelTicker(change: unknown): string {
  return JSON.stringify({
    channel: 'ticker',
    client_id: '',
    timestamp: '2025-01-02T12:00:05.000000Z',
    sequence_num: 1,
    events: [
      {
        type: 'update',
        tickers: [
          {
            type: 'ticker',
            product_id: 'BTC-USD',
            best_bid: '60000',
            best_bid_quantity: '0.5',
            best_ask: '60001',
            best_ask_quantity: '0.25',
            ...(change === undefined ? {} : { price_percent_chg_24_h: change }),
          },
        ],
      },
    ],
  });
}

describe('the 24 h change on a Ticker', () => {
  it.each<[string, unknown, string | undefined]>([
    ['a rise', '2.51', '2.51'],
    ['a fall', '-7.125', '-7.125'],
    ['no field', undefined, undefined],
    ['an empty field', '', undefined],
    ['a field that is not a number', 'n/a', undefined],
  ])('when the Coinbase ticker channel carries %s (%s) then the change is %s', (_, change, expected) => {
    const [ticker] = parseTickerMessage(channelTicker(change), resolve, receivedAt).tickers;

    expect(ticker?.bid).toEqual(dec('60000'));
    expect(ticker?.change24hPct?.toString()).toBe(expected);
  });

  it.each<[string, Partial<CcxtTicker>, string | undefined]>([
    ['a percentage', { percentage: 3.2, open: 100, last: 200 }, '3.2'],
    ['an open and a last only', { open: 200, last: 190 }, '-5'],
    ['an open of 0', { open: 0, last: 190 }, undefined],
    ['neither', {}, undefined],
  ])('when ccxt gives %s (%o) then the change is %s', (_, fields, expected) => {
    const raw = { symbol: 'BTC/USD', bid: 99, ask: 101, ...fields } as CcxtTicker;

    expect(tickerFromCcxt(raw, 'BTC/USD', receivedAt).change24hPct?.toString()).toBe(expected);
  });

  it('when the paper market has a day of history then its ticker carries the change since then, and none before', async () => {
    const clock = new TestClock(Date.UTC(2025, 0, 1, 12));
    const source = new ScriptedPriceSource();
    const quote = (bid: string, ask: string) => {
      source.push({
        symbol: 'BTC/USD',
        timeMs: clock.nowMs(),
        bid: dec(bid),
        ask: dec(ask),
        bidSize: dec(1),
        askSize: dec(1),
        volume: dec(0),
      });
    };
    quote('100', '102');
    const paper = new PaperExchange({ clock, priceSource: source, markets: defaultPaperMarkets });
    clock.advance(3_600_000);
    quote('104', '106');
    const young = await paper.fetchTicker('BTC/USD');
    clock.advance(86_400_000 - 3_600_000);
    quote('110', '112');

    const dayOld = await paper.fetchTicker('BTC/USD');
    const batched = await paper.fetchTickers(['BTC/USD', 'ETH/USD']);

    expect(young.change24hPct).toBeUndefined();
    // mid 111 against the mid of a day ago, 101
    expect(dayOld.change24hPct?.toDecimalPlaces(6).toString()).toBe('9.90099');
    expect(Object.keys(batched)).toEqual(['BTC/USD']);
    expect(batched['BTC/USD']?.change24hPct).toEqual(dayOld.change24hPct);
    await paper.close();
  });
});
