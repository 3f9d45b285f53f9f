import { describe, expect, it } from 'vitest';
import { infrastructureRetryDelayMs } from '../../src/jobs/infrastructure-retry.js';
import type { RetryPolicy } from '../../src/jobs/job-catalog.js';

const exponential: RetryPolicy = { attempts: 5, backoff: { type: 'exponential', delay: 500 } };
const fixed: RetryPolicy = { attempts: 5, backoff: { type: 'fixed', delay: 700 } };

describe('the wait after an infrastructure failure', () => {
  it.each([
    [exponential, 1, 30_000, 500],
    [exponential, 2, 30_000, 1_000],
    [exponential, 4, 30_000, 4_000],
    [exponential, 6, 30_000, 16_000],
    [exponential, 7, 30_000, 30_000],
    [exponential, 1_000, 30_000, 30_000],
    [exponential, 3, 50, 50],
    [fixed, 1, 30_000, 700],
    [fixed, 40, 30_000, 700],
    [fixed, 40, 100, 100],
  ])(
    'when the policy is %j, the retry %i and the cap %i then the wait is %i ms',
    (policy, retry, cap, wait) => {
      expect(infrastructureRetryDelayMs(policy, retry, cap)).toBe(wait);
    },
  );

  it.each([
    [0, 30_000, /retry must be a whole number from 1, got 0/],
    [1.5, 30_000, /retry must be a whole number from 1, got 1.5/],
    [1, 0, /cap must be a positive number of milliseconds, got 0/],
    [1, Number.NaN, /cap must be a positive number of milliseconds, got NaN/],
  ])('when the retry is %s and the cap %s then it says what is wrong', (retry, cap, message) => {
    expect(() => infrastructureRetryDelayMs(exponential, retry, cap)).toThrow(message);
  });
});
