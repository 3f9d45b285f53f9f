// How long a job waits before it runs again after the infrastructure failed it (the database, Redis or
// the network down, as `isInfrastructureError` tells). Such a retry spends none of the job's attempts,
// so a job outlasts any outage: the catalog's delay doubles from one retry to the next, up to a cap.
import type { RetryPolicy } from './job-catalog.js';

/** Default cap of the wait between two runs of a job the infrastructure failed. */
export const INFRASTRUCTURE_BACKOFF_CAP_MS = 30_000;

/**
 * The wait before run `retry` + 1 of a job whose run number `retry` (1, 2, ...) failed for the
 * infrastructure: the policy's delay, doubled per retry when it is exponential, never above `capMs`.
 */
export function infrastructureRetryDelayMs(policy: RetryPolicy, retry: number, capMs: number): number {
  if (!Number.isInteger(retry) || retry < 1) {
    throw new RangeError(`retry must be a whole number from 1, got ${String(retry)}`);
  }
  if (!Number.isFinite(capMs) || capMs <= 0) {
    throw new RangeError(`the back-off cap must be a positive number of milliseconds, got ${String(capMs)}`);
  }
  const { type, delay } = policy.backoff;
  // 2^31 ms is far above any cap: stop doubling there, so a very long outage never overflows.
  const wait = type === 'fixed' ? delay : delay * 2 ** Math.min(retry - 1, 31);
  return Math.min(capMs, wait);
}
