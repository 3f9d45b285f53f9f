import { dec, TestClock } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import {
  defaultPaperMarkets,
  PaperExchange,
  type PaperMarketSpec,
  ReplayPriceSource,
} from '../../src/index.js';
import { CandleHistory } from '../../src/paper/candle-history.js';
import { candleFileQuotes } from '../../src/paper/replay-source.js';

const minute = 60_000;

describe('CandleHistory', () => {
  it('when prices arrive over ten minutes then 5m candles aggregate open, high, low, close and volume', () => {
    const history = new CandleHistory();
    const prices = ['10', '12', '9', '11', '10', '20', '21', '19', '18', '22'];
    for (const [index, price] of prices.entries()) history.record('X', index * minute, dec(price), dec('1'));

    const candles = history.query('X', 5 * minute, undefined, 10);

    expect(
      candles.map((c) => [c.openTime.getTime(), `${c.open} ${c.high} ${c.low} ${c.close} ${c.volume}`]),
    ).toEqual([
      [0, '10 12 9 10 5'],
      [5 * minute, '20 22 18 22 5'],
    ]);
  });

  it('when more minutes than the limit are recorded then the oldest are forgotten', () => {
    const history = new CandleHistory(3);
    for (let index = 0; index < 5; index += 1) history.record('X', index * minute, dec(index), dec('0'));

    expect(history.query('X', minute, undefined, 10).map((c) => c.open.toString())).toEqual(['2', '3', '4']);
  });

  it('when candles are asked since a time then they start there, at most limit of them', () => {
    const history = new CandleHistory();
    for (let index = 0; index < 5; index += 1) history.record('X', index * minute, dec(index), dec('0'));

    expect(history.query('X', minute, 2 * minute, 2).map((c) => c.open.toString())).toEqual(['2', '3']);
  });
});

describe('PaperExchange over a candle file', () => {
  const spec = defaultPaperMarkets[0] as PaperMarketSpec;
  const csv = [
    'time,open,high,low,close,volume',
    '2025-01-01T00:00:00Z,60000,60500,59000,60200,12',
    '2025-01-01T01:00:00Z,60200,60300,60100,60250,3',
  ].join('\n');

  it('when the path reaches the candle low then a resting buy above the low fills, as the documented path says', async () => {
    const clock = new TestClock(Date.UTC(2025, 0, 1));
    const exchange = new PaperExchange({
      clock,
      markets: [spec],
      priceSource: new ReplayPriceSource(candleFileQuotes(csv, spec)),
    });
    const order = await exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'dip',
      symbol: 'BTC/USD',
      side: 'buy',
      amount: dec('0.1'),
      price: dec('59100'),
      postOnly: true,
    });

    clock.advance(15 * minute);
    exchange.tick();

    const filled = await exchange.fetchOrder({ orderId: order.id });
    expect(filled.status).toBe('FILLED');
    expect(filled.updatedAt.getTime()).toBe(Date.UTC(2025, 0, 1, 0, 15));
  });

  it('when the file has been replayed then hourly candles match the file', async () => {
    const clock = new TestClock(Date.UTC(2025, 0, 1));
    const exchange = new PaperExchange({
      clock,
      markets: [spec],
      priceSource: new ReplayPriceSource(candleFileQuotes(csv, spec)),
    });
    clock.advance(2 * 3_600_000);
    exchange.tick();

    const candles = await exchange.fetchCandles('BTC-USD', '1h');

    // Mid prices: the spread is split around the path, so each is within half a spread of the file.
    expect(candles).toHaveLength(2);
    expect(candles[0]?.volume.toString()).toBe('12');
    expect(candles[0]?.high.minus('60500').abs().lessThan('5')).toBe(true);
    expect(candles[0]?.low.minus('59000').abs().lessThan('5')).toBe(true);
  });
});
