import { dec, TestClock } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { PaperExchange, ScriptedPriceSource } from '../../src/index.js';
import { defaultPaperMarkets } from '../../src/paper/paper-market.js';
import type { CachedQuote } from '../../src/port/quote-source.js';
import { isFeedFrozen } from '../../src/quotes/frozen-feed.js';
import { MarketQuotes } from '../../src/quotes/market-quotes.js';

describe('isFeedFrozen', () => {
  it.each<[string, number, number | undefined, boolean]>([
    // now is 100 000; the limit 60 000 ms
    ['price unchanged 60 000 ms and stream silent as long (exactly the limit)', 40_000, 40_000, false],
    ['price unchanged 60 001 ms and stream silent as long', 39_999, 39_999, true],
    ['price unchanged for long but the stream spoke just now (a quiet market)', 0, 99_000, false],
    ['stream silent for long but the price moved just now (a live REST feed)', 99_000, 0, false],
    ['price unchanged for long and the stream never spoke (REST only)', 0, undefined, true],
    ['price moved just now and the stream never spoke', 99_000, undefined, false],
  ])('when %s then frozen is %s', (_name, lastChangeMs, lastStreamMs, expected) => {
    expect(isFeedFrozen({ lastChangeMs, lastStreamMs }, 100_000, 60_000)).toBe(expected);
  });
});

describe('MarketQuotes: a frozen feed (paper exchange on a test clock)', () => {
  function venue() {
    const clock = new TestClock(Date.UTC(2025, 0, 2, 12));
    const source = new ScriptedPriceSource();
    const exchange = new PaperExchange({ clock, priceSource: source, markets: defaultPaperMarkets });
    const show = (bid: string, ask: string) => {
      source.push({
        symbol: 'BTC/USD',
        timeMs: clock.nowMs(),
        bid: dec(bid),
        ask: dec(ask),
        bidSize: dec('1'),
        askSize: dec('1'),
        volume: dec('0'),
      });
      exchange.tick();
    };
    const alerts: string[] = [];
    const quotes = new MarketQuotes({
      exchange,
      clock,
      settings: { fallbackRequestsPerSecond: 10, streamMaxAgeMs: 5_000, frozenAfterMs: 60_000 },
      onFrozen: (symbol) => alerts.push(`frozen ${symbol}`),
      onThawed: (symbol) => alerts.push(`thawed ${symbol}`),
    });
    const read = async () => (await quotes.readQuotes(['BTC/USD'])).get('BTC/USD') as CachedQuote;
    return { clock, show, quotes, read, alerts };
  }

  it('when the price stands still and the stream says nothing beyond the limit then the quote is frozen, the alert is raised once, and a new price thaws it', async () => {
    const { clock, show, quotes, read, alerts } = venue();
    show('60000', '60000.5');
    await read(); // subscribes
    show('60010', '60010.5'); // streamed

    clock.advance(60_000);
    const atLimit = await read();
    clock.advance(1);
    const beyond = await read();
    const again = await read();
    const frozenNow = quotes.frozenSymbols();
    show('60020', '60020.5');
    const moved = await read();

    expect([atLimit.frozen, beyond.frozen, again.frozen, moved.frozen]).toEqual([false, true, true, false]);
    // The frozen quote came over REST, restamped now: its timestamps alone would not call it stale.
    expect(beyond).toMatchObject({ source: 'rest', receivedAt: clock.now() });
    expect(frozenNow).toEqual(['BTC/USD']);
    expect(alerts).toEqual(['frozen BTC/USD', 'thawed BTC/USD']);
    expect(quotes.frozenSymbols()).toEqual([]);
  });

  it('when the stream repeats the same price every 10 s then the quote is never frozen (a quiet market)', async () => {
    const { clock, show, read } = venue();
    show('60000', '60000.5');
    await read();
    const frozen: boolean[] = [];
    for (let step = 0; step < 12; step += 1) {
      clock.advance(10_000);
      show('60000', '60000.5');
      frozen.push((await read()).frozen);
    }

    expect(frozen.every((value) => !value)).toBe(true);
  });
});
