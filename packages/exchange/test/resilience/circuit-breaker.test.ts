import { TestClock } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../../src/index.js';
import { ExchangeCircuitBreaker, isCircuitOpenError } from '../../src/resilience/circuit-breaker.js';

const timeout = () => new ExchangeError('TEMPORARY', 'HTTP 502');
const start = Date.UTC(2025, 0, 2, 12);

function breakerOnTestClock() {
  const clock = new TestClock(start);
  const breaker = new ExchangeCircuitBreaker({ exchange: 'coinbase', clock });
  let calls = 0;
  const fail = () =>
    breaker.execute('fetchBalances', async () => {
      calls += 1;
      throw timeout();
    });
  const succeed = () =>
    breaker.execute('fetchBalances', async () => {
      calls += 1;
      return 'ok';
    });
  return { clock, breaker, fail, succeed, calls: () => calls };
}

async function failTimes(fail: () => Promise<unknown>, times: number): Promise<void> {
  for (let index = 0; index < times; index += 1) await fail().catch(() => undefined);
}

describe('ExchangeCircuitBreaker on the test clock', () => {
  it('when 4 calls in a row fail then it is still CLOSED but DEGRADED, and the 5th opens it: OFFLINE', async () => {
    const { breaker, fail } = breakerOnTestClock();

    await failTimes(fail, 4);
    const afterFour = breaker.status();
    await failTimes(fail, 1);
    const afterFive = breaker.status();

    expect(afterFour).toMatchObject({ state: 'CLOSED', health: 'DEGRADED', consecutiveFailures: 4 });
    expect(afterFive).toMatchObject({
      state: 'OPEN',
      health: 'OFFLINE',
      consecutiveFailures: 5,
      totalFailures: 5,
    });
    expect(afterFive.openedAt?.getTime()).toBe(start);
    expect(afterFive.halfOpensAt?.getTime()).toBe(start + 60_000);
  });

  it('when the circuit is OPEN then calls are refused without reaching the exchange, with circuit=OPEN', async () => {
    const { breaker, fail, succeed, calls } = breakerOnTestClock();
    await failTimes(fail, 5);

    const refused = await succeed().catch((error: unknown) => error);

    expect(isCircuitOpenError(refused)).toBe(true);
    expect(calls()).toBe(5);
    expect(breaker.status().rejectedWhileOpen).toBe(1);
  });

  it('when 59.999 s pass it stays OPEN; at 60 s it is HALF_OPEN (DEGRADED) and lets a probe through', async () => {
    const { clock, breaker, fail, succeed } = breakerOnTestClock();
    await failTimes(fail, 5);

    clock.advance(59_999);
    const before = breaker.status().state;
    clock.advance(1);
    const at = breaker.status();
    const probe = await succeed();

    expect(before).toBe('OPEN');
    expect(at).toMatchObject({ state: 'HALF_OPEN', health: 'DEGRADED' });
    expect(probe).toBe('ok');
    expect(breaker.status()).toMatchObject({ state: 'HALF_OPEN', halfOpenSuccesses: 1 });
  });

  it('when HALF_OPEN sees 2 successes then it is CLOSED and HEALTHY again', async () => {
    const { clock, breaker, fail, succeed } = breakerOnTestClock();
    await failTimes(fail, 5);
    clock.advance(60_000);
    const changes: string[] = [];
    breaker.onStateChange((status) => changes.push(status.state));

    await succeed();
    await succeed();

    expect(breaker.status()).toMatchObject({ state: 'CLOSED', health: 'HEALTHY', consecutiveFailures: 0 });
    expect(changes).toEqual(['HALF_OPEN', 'CLOSED']);
  });

  it('when a HALF_OPEN probe fails then it opens again for another 60 s from then', async () => {
    const { clock, breaker, fail, succeed } = breakerOnTestClock();
    await failTimes(fail, 5);
    clock.advance(60_000);
    await succeed();

    clock.advance(1_000);
    await failTimes(fail, 1);
    const reopened = breaker.status();
    clock.advance(59_999);
    const stillOpen = breaker.status().state;
    clock.advance(1);

    expect(reopened).toMatchObject({ state: 'OPEN', health: 'OFFLINE' });
    expect(reopened.openedAt?.getTime()).toBe(start + 61_000);
    expect(stillOpen).toBe('OPEN');
    expect(breaker.status().state).toBe('HALF_OPEN');
  });

  it('when the exchange answers definitively (refused order, unknown order) then that is not a failure and ends a streak', async () => {
    const { breaker, fail } = breakerOnTestClock();
    await failTimes(fail, 4);

    await breaker
      .execute('createOrder', async () => {
        throw new ExchangeError('INVALID_ORDER', 'post-only would cross');
      })
      .catch(() => undefined);
    await failTimes(fail, 4);

    expect(breaker.status()).toMatchObject({ state: 'CLOSED', consecutiveFailures: 4, totalFailures: 8 });
  });
});
