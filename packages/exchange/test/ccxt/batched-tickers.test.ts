// CcxtExchange.fetchTickers against the local Coinbase-speaking server over HTTP: the quotes of many
// products in one best_bid_ask request, a product without a quote left out instead of failing the rest.
import { dec, TestClock } from '@hookline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../../test/support/venues/coinbase-server/coinbase-server.js';
import type { CcxtExchange } from '../../src/index.js';
import { coinbaseAdapterFor } from './ccxt-harness.js';

let server: CoinbaseTestServer;
let exchange: CcxtExchange;

beforeEach(async () => {
  server = await startCoinbaseServer();
  exchange = coinbaseAdapterFor(server, { clock: new TestClock(Date.UTC(2025, 0, 2, 12)) });
  await exchange.fetchMarkets();
});

afterEach(async () => {
  await exchange.close();
  await server.close();
});

const bestBidAskRequests = () => server.requests.filter((request) => request.path.endsWith('/best_bid_ask'));

describe('CcxtExchange.fetchTickers (local Coinbase)', () => {
  it('when three quoted products are asked for then one best_bid_ask request answers all of them', async () => {
    server.venue.setQuote('ETH/USD', {
      bid: dec('3000'),
      ask: dec('3000.5'),
      bidSize: dec('2'),
      askSize: dec('3'),
    });
    server.venue.setQuote('SOL/USD', {
      bid: dec('150'),
      ask: dec('150.05'),
      bidSize: dec('9'),
      askSize: dec('8'),
    });
    const before = bestBidAskRequests().length;

    const quotes = await exchange.fetchTickers(['BTC-USD', 'eth/usd', 'SOL/USD']);

    expect(bestBidAskRequests().length - before).toBe(1);
    expect(Object.keys(quotes).sort()).toEqual(['BTC/USD', 'ETH/USD', 'SOL/USD']);
    expect(quotes['ETH/USD']).toMatchObject({ symbol: 'ETH/USD', bid: dec('3000'), ask: dec('3000.5') });
    expect(quotes['SOL/USD']?.askSize.toString()).toBe('8');
  });

  it('when one product has no quote yet then it is missing from the answer and the others are there', async () => {
    const quotes = await exchange.fetchTickers(['BTC/USD', 'ETH/USD']);

    expect(Object.keys(quotes)).toEqual(['BTC/USD']);
  });

  it('when no symbol is asked for then nothing is requested', async () => {
    const before = server.requests.length;

    expect(await exchange.fetchTickers([])).toEqual({});
    expect(server.requests.length).toBe(before);
  });
});
