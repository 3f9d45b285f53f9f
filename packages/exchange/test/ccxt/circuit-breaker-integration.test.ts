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
let clock: TestClock;

beforeEach(async () => {
  server = await startCoinbaseServer();
  clock = new TestClock(Date.UTC(2025, 0, 2, 12));
  // One attempt per read, so each failing call is one failure for the breaker.
  exchange = coinbaseAdapterFor(server, { clock, retry: { maxRetries: 0 } });
  await exchange.fetchMarkets();
});

afterEach(async () => {
  await exchange.close();
  await server.close();
});

const balanceRequests = () =>
  server.requests.filter((request) => request.operation === 'fetchBalances').length;

describe('CcxtExchange circuit breaker (test clock, local Coinbase)', () => {
  it('when five reads in a row get 502 pages then the circuit opens and the sixth is refused without a request', async () => {
    server.faults.inject('fetchBalances', { kind: 'html', status: 502, afterProcessing: false }, 5);
    for (let call = 0; call < 5; call += 1) await exchange.fetchBalances().catch(() => undefined);

    const refused = await exchange.fetchBalances().catch((error: unknown) => error);

    expect(exchange.circuits().orders).toMatchObject({
      exchange: 'coinbase',
      state: 'OPEN',
      health: 'OFFLINE',
      totalFailures: 5,
      rejectedWhileOpen: 1,
    });
    expect(refused).toMatchObject({
      kind: 'TEMPORARY',
      context: { circuit: 'OPEN', operation: 'fetchBalances' },
    });
    expect(balanceRequests()).toBe(5);
  });

  it('when 60 s pass on the clock then two good answers close it again: HEALTHY', async () => {
    server.faults.inject('fetchBalances', { kind: 'html', status: 503, afterProcessing: false }, 5);
    for (let call = 0; call < 5; call += 1) await exchange.fetchBalances().catch(() => undefined);

    clock.advance(60_000);
    const halfOpen = exchange.circuits().orders;
    await exchange.fetchBalances();
    const afterOne = exchange.circuits().orders.state;
    await exchange.fetchBalances();

    expect(halfOpen).toMatchObject({ state: 'HALF_OPEN', health: 'DEGRADED' });
    expect(afterOne).toBe('HALF_OPEN');
    expect(exchange.circuits().orders).toMatchObject({ state: 'CLOSED', health: 'HEALTHY' });
  });

  it('when creates fail without an answer they count against the circuit, and a refused order ends the streak', async () => {
    const order = (clientOrderId: string, amount: string) =>
      exchange.createOrder({
        type: 'LIMIT',
        clientOrderId,
        symbol: 'BTC/USD',
        side: 'buy',
        amount: dec(amount),
        price: dec('59000'),
        postOnly: true,
      });
    server.faults.inject('createOrder', { kind: 'html', status: 500, afterProcessing: false }, 5);
    for (let call = 0; call < 4; call += 1) await order(`lost-${call}`, '0.001').catch(() => undefined);
    const afterFour = exchange.circuits().orders;

    server.faults.clear();
    const refused = await order('too-big', '100').catch((error: unknown) => error);

    expect(afterFour).toMatchObject({ state: 'CLOSED', health: 'DEGRADED', consecutiveFailures: 4 });
    expect(refused).toMatchObject({ kind: 'INSUFFICIENT_FUNDS' });
    expect(exchange.circuits().orders).toMatchObject({
      state: 'CLOSED',
      health: 'HEALTHY',
      consecutiveFailures: 0,
    });
  });
});
