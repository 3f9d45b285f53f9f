import { TestClock } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { RequestBudget, type RequestLane } from '../../src/resilience/request-budget.js';

const start = Date.UTC(2025, 0, 2, 12);

/** Queues the requests in order, moves the clock in steps, and records the order they were let through. */
async function granted(
  requestsPerSecond: number,
  burst: number,
  queued: readonly RequestLane[],
  steps: readonly number[],
): Promise<string[]> {
  const clock = new TestClock(start);
  const budget = new RequestBudget({ name: 'test', clock, requestsPerSecond, burst });
  const order: string[] = [];
  queued.forEach((lane, index) => {
    void budget.take(lane).then(() => order.push(`${lane}${index}`));
  });
  await Promise.resolve();
  for (const step of steps) {
    clock.advance(step);
    budget.release();
    await Promise.resolve();
  }
  return order;
}

describe('RequestBudget: a token bucket with an urgent lane (test clock)', () => {
  it.each<[string, number, number, RequestLane[], number[], string[]]>([
    [
      'one token: the first request goes, the rest wait for the clock',
      1,
      1,
      ['normal', 'normal', 'normal'],
      [],
      ['normal0'],
    ],
    [
      'one request/s: a second after the first, the next one goes',
      1,
      1,
      ['normal', 'normal', 'normal'],
      [999, 1],
      ['normal0', 'normal1'],
    ],
    [
      'an urgent order queued behind market data reads goes first when a token comes free',
      1,
      1,
      ['normal', 'normal', 'normal', 'urgent'],
      [1_000],
      ['normal0', 'urgent3'],
    ],
    [
      'urgent requests keep their own order, all before any normal one',
      2,
      1,
      ['normal', 'normal', 'urgent', 'urgent'],
      [500, 500, 500],
      ['normal0', 'urgent2', 'urgent3', 'normal1'],
    ],
    [
      'a burst of 3 lets three go at once, then one per 1/rate',
      2,
      3,
      ['normal', 'normal', 'normal', 'normal', 'urgent'],
      [499, 1],
      ['normal0', 'normal1', 'normal2', 'urgent4'],
    ],
    [
      'a long quiet spell refills only up to the burst',
      1,
      2,
      ['normal', 'normal', 'normal', 'normal'],
      [60_000],
      ['normal0', 'normal1', 'normal2', 'normal3'],
    ],
  ])('when %s', async (_name, rate, burst, queued, steps, expected) => {
    expect(await granted(rate, burst, queued, steps)).toEqual(expected);
  });

  it('when tryTake is asked with requests waiting then it says no (a fallback read never jumps the queue)', async () => {
    const clock = new TestClock(start);
    const budget = new RequestBudget({ name: 'test', clock, requestsPerSecond: 1 });
    expect(budget.tryTake()).toBe(true);
    void budget.take('urgent');
    clock.advance(1_000);

    expect(budget.tryTake()).toBe(false);
    expect(budget.waiting()).toEqual({ urgent: 1, normal: 0 });
  });

  it.each([
    [0, 1, 'requestsPerSecond above 0'],
    [Number.NaN, 1, 'requestsPerSecond above 0'],
    [1, 0, 'burst of at least 1'],
  ])(
    'when built with rate %s and burst %s then it refuses, naming %s',
    (requestsPerSecond, burst, message) => {
      expect(
        () =>
          new RequestBudget({ name: 'kraken orders', clock: new TestClock(start), requestsPerSecond, burst }),
      ).toThrow(message);
    },
  );
});
