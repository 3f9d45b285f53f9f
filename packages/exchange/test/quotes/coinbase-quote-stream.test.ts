import { dec, SystemClock } from '@hookline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../../test/support/venues/coinbase-server/coinbase-server.js';
import type { CcxtExchange } from '../../src/index.js';
import { MarketQuotes } from '../../src/quotes/market-quotes.js';
import { coinbaseAdapterFor } from '../ccxt/ccxt-harness.js';

let server: CoinbaseTestServer;
let exchange: CcxtExchange;
let quotes: MarketQuotes;

beforeEach(async () => {
  server = await startCoinbaseServer({ heartbeatIntervalMs: 200 });
  // One attempt per read, so each 429 is one failure for the market data breaker.
  exchange = coinbaseAdapterFor(server, { retry: { maxRetries: 0 } });
  await exchange.fetchMarkets();
  quotes = new MarketQuotes({
    exchange,
    clock: new SystemClock(),
    settings: { fallbackRequestsPerSecond: 1 },
  });
});

afterEach(async () => {
  quotes.close();
  await exchange.close();
  await server.close();
});

const requestsOf = (operation: string) =>
  server.requests.filter((request) => request.operation === operation);

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const btc = async () => (await quotes.readQuotes(['BTC/USD'])).get('BTC/USD');

describe('quote cache over the Coinbase ticker channel (local Coinbase over real ws)', () => {
  it('when the venue moves its book then the cache serves the streamed quote and reads nothing over REST', async () => {
    await quotes.readQuotes(['BTC/USD']); // subscribes
    await exchange.whenStreamsSettled();
    const restReadsBefore = requestsOf('fetchTicker').length;

    server.venue.setQuote('BTC/USD', {
      bid: dec('61000'),
      ask: dec('61000.5'),
      bidSize: dec('0.4'),
      askSize: dec('0.3'),
    });
    await until(async () => {
      const quote = await btc();
      return typeof quote === 'object' && quote.bid.equals('61000');
    });

    const quote = await btc();
    expect(quote).toMatchObject({ symbol: 'BTC/USD', source: 'stream', frozen: false });
    expect(typeof quote === 'object' ? [quote.ask.toString(), quote.bidSize.toString()] : quote).toEqual([
      '61000.5',
      '0.4',
    ]);
    expect(requestsOf('fetchTicker').length).toBe(restReadsBefore);
  });

  it('when ticker reads get 429s until the market data breaker opens then an order still reaches the venue and the stream still quotes', async () => {
    await quotes.readQuotes(['BTC/USD']);
    await exchange.whenStreamsSettled();
    server.faults.inject('fetchTicker', { kind: 'rateLimit' }, 5);
    for (let call = 0; call < 5; call += 1) await exchange.fetchTicker('BTC/USD').catch(() => undefined);
    const refused = await exchange.fetchTicker('BTC/USD').catch((error: unknown) => error);

    const order = await exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'stop-while-tickers-fail',
      symbol: 'BTC/USD',
      side: 'buy',
      amount: dec('0.001'),
      price: dec('59000'),
      postOnly: true,
      urgent: true,
    });
    server.venue.setQuote('BTC/USD', {
      bid: dec('59500'),
      ask: dec('59500.5'),
      bidSize: dec('1'),
      askSize: dec('1'),
    });
    await until(async () => {
      const quote = await btc();
      return typeof quote === 'object' && quote.bid.equals('59500');
    });

    expect(refused).toMatchObject({ kind: 'TEMPORARY', context: { circuit: 'OPEN', scope: 'marketData' } });
    expect(exchange.circuits()).toMatchObject({
      marketData: { state: 'OPEN', health: 'OFFLINE', rejectedWhileOpen: 1 },
      orders: { state: 'CLOSED', health: 'HEALTHY' },
    });
    expect(order).toMatchObject({ clientOrderId: 'stop-while-tickers-fail', status: 'OPEN' });
    expect(requestsOf('createOrder')).toHaveLength(1);
    expect(await btc()).toMatchObject({ source: 'stream', frozen: false });
  });
});
