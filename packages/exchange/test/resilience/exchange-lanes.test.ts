import { SystemClock, TestClock } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../../src/index.js';
import { ExchangeLanes, scopeOf } from '../../src/resilience/exchange-lanes.js';

const start = Date.UTC(2025, 0, 2, 12);
const rateLimited = () => new ExchangeError('RATE_LIMITED', '429 Too Many Requests');

function lanesOnTestClock() {
  const clock = new TestClock(start);
  // Budgets on the system clock with room to spare: these tests are about the breakers.
  const lanes = new ExchangeLanes({
    exchange: 'kraken',
    clock,
    budgetClock: new SystemClock(),
    ordersPerSecond: 10_000,
    marketDataPerSecond: 10_000,
  });
  const sent: string[] = [];
  const call = (operation: string, outcome: 'ok' | 'fail', urgent = false) =>
    lanes
      .run(
        operation,
        async () => {
          sent.push(operation);
          if (outcome === 'fail') throw rateLimited();
          return 'ok';
        },
        { urgent },
      )
      .then(
        () => 'answered',
        (error: unknown) =>
          error instanceof ExchangeError && error.context.circuit === 'OPEN' ? 'refused' : 'failed',
      );
  return { clock, lanes, sent, call };
}

describe('ExchangeLanes: market data and orders have their own breakers', () => {
  it.each([
    ['fetchTicker', 'marketData'],
    ['fetchCandles', 'marketData'],
    ['fetchMarkets', 'marketData'],
    ['createOrder', 'orders'],
    ['cancelOrder', 'orders'],
    ['fetchOrder', 'orders'],
    ['fetchOpenOrders', 'orders'],
    ['fetchFillsSince', 'orders'],
    ['fetchBalances', 'orders'],
  ])('when the operation is %s then its scope is %s', (operation, scope) => {
    expect(scopeOf(operation)).toBe(scope);
  });

  it.each<[string, string, 'ok' | 'fail', boolean, string, string, string]>([
    // failing scope, then a call of: operation, its outcome, urgent → what happens, and both healths
    ['five ticker 429s', 'createOrder', 'ok', false, 'answered', 'OFFLINE', 'HEALTHY'],
    ['five ticker 429s', 'fetchBalances', 'ok', false, 'answered', 'OFFLINE', 'HEALTHY'],
    ['five ticker 429s', 'fetchTicker', 'ok', false, 'refused', 'OFFLINE', 'HEALTHY'],
    ['five balance 429s', 'fetchTicker', 'ok', false, 'answered', 'HEALTHY', 'OFFLINE'],
    ['five balance 429s', 'createOrder', 'ok', false, 'refused', 'HEALTHY', 'OFFLINE'],
    // The urgent probe gets an answer: the orders circuit half-opens.
    ['five balance 429s', 'createOrder', 'ok', true, 'answered', 'HEALTHY', 'DEGRADED'],
    ['five balance 429s', 'createOrder', 'fail', true, 'failed', 'HEALTHY', 'OFFLINE'],
    // Urgency never lets a market data read through its open breaker.
    ['five ticker 429s', 'fetchTicker', 'ok', true, 'refused', 'OFFLINE', 'HEALTHY'],
  ])(
    'when %s opened a breaker then a %s (%s, urgent %s) is %s; market data %s, orders %s',
    async (failing, operation, outcome, urgent, expected, marketData, orders) => {
      const { lanes, call } = lanesOnTestClock();
      const failingOperation = failing.includes('ticker') ? 'fetchTicker' : 'fetchBalances';
      for (let index = 0; index < 5; index += 1) await call(failingOperation, 'fail');

      const result = await call(operation, outcome, urgent);

      expect(result).toBe(expected);
      const circuits = lanes.circuits();
      expect([circuits.marketData.health, circuits.orders.health]).toEqual([marketData, orders]);
    },
  );

  it('when the orders breaker is OPEN then urgent orders probe once per 3 s and ordinary ones are refused throughout', async () => {
    const { clock, lanes, sent, call } = lanesOnTestClock();
    for (let index = 0; index < 5; index += 1) await call('fetchBalances', 'fail');
    sent.length = 0;

    const timeline: string[] = [];
    for (const stepMs of [0, 1_000, 1_999, 1, 2_999, 1]) {
      clock.advance(stepMs);
      timeline.push(`${await call('createOrder', 'fail', true)}/${await call('createOrder', 'ok')}`);
    }

    // At 0 s, 3 s and 6 s the hard stop reaches the venue (and fails, the venue still down).
    expect(timeline).toEqual([
      'failed/refused',
      'refused/refused',
      'refused/refused',
      'failed/refused',
      'refused/refused',
      'failed/refused',
    ]);
    expect(sent).toEqual(['createOrder', 'createOrder', 'createOrder']);
    expect(lanes.circuits().orders).toMatchObject({ state: 'OPEN', urgentProbes: 3, scope: 'orders' });
  });

  it('when 60 s pass then the orders breaker half-opens as before and ordinary orders probe again', async () => {
    const { clock, lanes, call } = lanesOnTestClock();
    for (let index = 0; index < 5; index += 1) await call('createOrder', 'fail');
    clock.advance(60_000);

    expect(await call('createOrder', 'ok')).toBe('answered');
    expect(await call('createOrder', 'ok')).toBe('answered');
    expect(lanes.circuits().orders).toMatchObject({ state: 'CLOSED', health: 'HEALTHY' });
  });
});
