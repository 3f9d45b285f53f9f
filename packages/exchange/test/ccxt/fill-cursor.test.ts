import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { decodeFillCursor, encodeFillCursor, pageAfter } from '../../src/ccxt/fill-cursor.js';
import { type Fill, isExchangeError } from '../../src/index.js';

const fill = (tradeId: string): Fill => ({
  tradeId,
  orderId: 'order-1',
  clientOrderId: undefined,
  symbol: 'BTC/USD',
  side: 'buy',
  price: dec('60000'),
  amount: dec('0.001'),
  fee: dec('0.24'),
  feeCurrency: 'USD',
  liquidity: 'MAKER',
  executedAt: new Date(0),
});

describe('fill cursor paging', () => {
  // Venues answer `since` inclusively, so the boundary millisecond comes back on every read.
  const sequenced = [
    { fill: fill('t-3'), sequenceMs: 2_000 },
    { fill: fill('t-1'), sequenceMs: 1_000 },
    { fill: fill('t-2'), sequenceMs: 2_000 },
  ];

  it('when fills are read one per page then each comes once, in time order, and the last cursor stays put', () => {
    const seen: string[] = [];
    let position = decodeFillCursor(undefined);
    for (let page = 0; page < 5; page += 1) {
      const result = pageAfter(sequenced, position, 1);
      seen.push(...result.fills.map((item) => item.tradeId));
      position = result.position;
    }

    expect(seen).toEqual(['t-1', 't-2', 't-3']);
    expect(pageAfter(sequenced, position, 10)).toMatchObject({ fills: [], hasMore: false, position });
  });

  it('when a fill arrives later at an already-read millisecond then it is still returned once', () => {
    const first = pageAfter(sequenced.slice(0, 2), decodeFillCursor(undefined), 10);

    const next = pageAfter(sequenced, decodeFillCursor(encodeFillCursor(first.position)), 10);

    expect(next.fills.map((item) => item.tradeId)).toEqual(['t-2']);
  });

  it('when a cursor was not issued by the adapter then FATAL is thrown', () => {
    const error = (() => {
      try {
        decodeFillCursor('not-a-cursor');
      } catch (caught) {
        return caught;
      }
    })();

    expect(isExchangeError(error, 'FATAL')).toBe(true);
  });
});
