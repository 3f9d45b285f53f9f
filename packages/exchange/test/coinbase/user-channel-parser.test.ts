import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { parseTickerMessage } from '../../src/coinbase/ticker-channel-parser.js';
import { CoinbaseUserChannelParser, defaultPaperMarkets, type UserStreamEvent } from '../../src/index.js';
import { heartbeatMessage, subscriptionsMessage, userMessage, userOrder } from './user-channel-fixtures.js';

const markets = defaultPaperMarkets.map((spec) => spec.market);
const resolve = (productId: string) => markets.find((market) => market.exchangeSymbol === productId);
const receivedAt = new Date(Date.UTC(2025, 0, 2, 12, 0, 5));

function newParser() {
  const parser = new CoinbaseUserChannelParser(resolve);
  parser.startConnection();
  return parser;
}

const ofType = <Type extends UserStreamEvent['type']>(events: readonly UserStreamEvent[], type: Type) =>
  events.filter((event): event is Extract<UserStreamEvent, { type: Type }> => event.type === type);

describe('CoinbaseUserChannelParser', () => {
  it('when the snapshot comes as a batch of 50 and a batch of 1 then it ends with the short batch, as state without fills', () => {
    const parser = newParser();
    const orders = Array.from({ length: 51 }, (_, index) =>
      userOrder({
        order_id: `order-${index}`,
        cumulative_quantity: '0.001',
        avg_price: '60000',
        total_fees: '0.24',
      }),
    );

    const first = parser.parse(userMessage(0, 'snapshot', orders.slice(0, 50)), receivedAt);
    const afterFirst = parser.snapshotComplete;
    const second = parser.parse(userMessage(1, 'snapshot', orders.slice(50)), receivedAt);

    expect(afterFirst).toBe(false);
    expect(parser.snapshotComplete).toBe(true);
    expect(ofType([...first.events, ...second.events], 'order')).toHaveLength(51);
    expect(ofType([...first.events, ...second.events], 'fill')).toHaveLength(0);
  });

  it('when an update raises the cumulative quantity then one fill and the order update come out, with both times', () => {
    const parser = newParser();
    parser.parse(userMessage(0, 'snapshot', [userOrder()]), receivedAt);

    const { events } = parser.parse(
      userMessage(1, 'update', [
        userOrder({
          cumulative_quantity: '0.001',
          leaves_quantity: '0.002',
          avg_price: '60000',
          total_fees: '0.24',
        }),
      ]),
      receivedAt,
    );

    const [fill] = ofType(events, 'fill');
    const [update] = ofType(events, 'order');
    expect(fill?.fill).toMatchObject({
      orderId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
      symbol: 'BTC/USD',
      side: 'buy',
      tradeId: undefined,
    });
    expect(fill?.fill.amount.equals(dec('0.001')) && fill.fill.price.equals(dec('60000'))).toBe(true);
    expect(fill?.exchangeTime.toISOString()).toBe('2025-01-02T12:00:01.000Z');
    expect(update?.order).toMatchObject({ status: 'PARTIALLY_FILLED', postOnly: true, type: 'LIMIT' });
    expect(update?.receivedAt).toBe(receivedAt);
  });

  it('when an order is cancelled then leaves_quantity is zero but the order keeps its size', () => {
    const parser = newParser();
    parser.parse(userMessage(0, 'snapshot', [userOrder()]), receivedAt);

    const { events } = parser.parse(
      userMessage(1, 'update', [userOrder({ status: 'CANCELLED', leaves_quantity: '0' })]),
      receivedAt,
    );

    expect(ofType(events, 'order')[0]?.order).toMatchObject({
      status: 'CANCELED',
      amount: dec('0.003'),
      remainingAmount: dec('0'),
    });
  });

  it('when sequence_num jumps then a gap is reported before the message is still used', () => {
    const parser = newParser();
    parser.parse(userMessage(0, 'snapshot', [userOrder()]), receivedAt);

    const output = parser.parse(
      userMessage(3, 'update', [userOrder({ cumulative_quantity: '0.001', avg_price: '60000' })]),
      receivedAt,
    );

    expect(output.gap).toMatch(/2 message\(s\) lost/);
    expect(output.events.map((event) => event.type)).toEqual(['gap', 'fill', 'order']);
  });

  it('when heartbeats carry the counter as a string and as an integer then both are read, and they count in the sequence', () => {
    const parser = newParser();
    parser.parse(subscriptionsMessage(0, ['user', 'heartbeats']), receivedAt);

    const asString = parser.parse(heartbeatMessage(1, '41'), receivedAt);
    const asInteger = parser.parse(heartbeatMessage(2, 42), receivedAt);
    const skipped = parser.parse(heartbeatMessage(4, 44), receivedAt);

    expect([asString.heartbeatCounter, asInteger.heartbeatCounter]).toEqual([41, 42]);
    expect(skipped.gap).toBeDefined();
  });

  it('when the connection is new then sequence numbers start again without a gap and replayed states produce nothing', () => {
    const parser = newParser();
    const filled = userOrder({ cumulative_quantity: '0.001', avg_price: '60000', total_fees: '0.24' });
    parser.parse(userMessage(0, 'update', [filled]), receivedAt);

    parser.startConnection();
    const replay = parser.parse(userMessage(0, 'update', [filled]), receivedAt);

    expect(replay.gap).toBeUndefined();
    expect(replay.events).toEqual([]);
  });

  it('when the venue sends an error message then it is reported as an error, not a gap', () => {
    const parser = newParser();

    const output = parser.parse(
      JSON.stringify({ type: 'error', message: 'authentication failure' }),
      receivedAt,
    );

    expect(output.error).toMatch(/authentication failure/);
    expect(output.gap).toBeUndefined();
  });
});

describe('parseTickerMessage', () => {
  it('when ticker_batch carries empty tickers and tickers without best bid/ask then they are skipped', () => {
    const text = JSON.stringify({
      channel: 'ticker_batch',
      client_id: '',
      timestamp: '2025-01-02T12:00:05.000000Z',
      sequence_num: 7,
      events: [
        {
          type: 'update',
          tickers: [
            { type: 'ticker', product_id: '', price: '' },
            { type: 'ticker', product_id: 'BTC-USD', price: '60000' },
          ],
        },
      ],
    });

    expect(parseTickerMessage(text, resolve, receivedAt).tickers).toEqual([]);
  });

  it('when a ticker carries best bid and ask then it becomes our ticker with the envelope time', () => {
    const text = JSON.stringify({
      channel: 'ticker',
      client_id: '',
      timestamp: '2025-01-02T12:00:05.000000Z',
      sequence_num: 8,
      events: [
        {
          type: 'update',
          tickers: [
            {
              type: 'ticker',
              product_id: 'BTC-USD',
              price: '60000.5',
              best_bid: '60000',
              best_bid_quantity: '0.5',
              best_ask: '60001',
              best_ask_quantity: '0.25',
            },
          ],
        },
      ],
    });

    const [ticker] = parseTickerMessage(text, resolve, receivedAt).tickers;

    expect(ticker).toMatchObject({
      symbol: 'BTC/USD',
      bid: dec('60000'),
      ask: dec('60001'),
      askSize: dec('0.25'),
      receivedAt,
    });
    expect(ticker?.exchangeTime.toISOString()).toBe('2025-01-02T12:00:05.000Z');
  });
});
