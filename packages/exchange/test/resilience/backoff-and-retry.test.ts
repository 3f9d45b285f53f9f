import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../../src/index.js';
import { backoffDelay, defaultReadBackoff } from '../../src/resilience/jittered-backoff.js';
import { readRetryPolicy, shouldRetryRead } from '../../src/resilience/read-retry.js';

describe('backoffDelay', () => {
  it('when no jitter is drawn then reads wait 2 s doubling up to 30 s', () => {
    const noJitter = { ...defaultReadBackoff, random: () => 0 };

    const delays = [0, 1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(noJitter, attempt));

    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it.for([0, 0.5, 0.999])('when the random draw is %s then the delay is cut by at most 30 %%', (draw) => {
    const delay = backoffDelay({ ...defaultReadBackoff, random: () => draw }, 2);

    expect(delay).toBeLessThanOrEqual(8_000);
    expect(delay).toBeGreaterThanOrEqual(8_000 * 0.7);
  });
});

describe('readRetryPolicy', () => {
  const fast = { maxRetries: 3, backoff: { initialMs: 1, maxMs: 4, jitter: 0.3 } };

  it('when a read fails twice with a passing error then the third attempt answers', async () => {
    let attempts = 0;
    const result = await readRetryPolicy(fast).execute(async () => {
      attempts += 1;
      if (attempts < 3) throw new ExchangeError('TEMPORARY', '502');
      return 'balances';
    });

    expect({ result, attempts }).toEqual({ result: 'balances', attempts: 3 });
  });

  it('when a read fails with a definitive error then it is not retried', async () => {
    let attempts = 0;
    const failed = readRetryPolicy(fast).execute(async () => {
      attempts += 1;
      throw new ExchangeError('NOT_FOUND', 'no such order');
    });

    await expect(failed).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    expect(attempts).toBe(1);
  });

  it('when the circuit refused the read then it is not retried (no retry gets past an open circuit)', () => {
    const refused = new ExchangeError('TEMPORARY', 'open', { context: { circuit: 'OPEN' } });

    expect(shouldRetryRead(refused)).toBe(false);
    expect(shouldRetryRead(new ExchangeError('RATE_LIMITED', '429'))).toBe(true);
  });
});
