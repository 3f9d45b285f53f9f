import { ExponentialBackoff, handleWhen, type RetryPolicy, retry } from 'cockatiel';
import { isExchangeError, isRetryableRead } from '../port/exchange-error.js';
import { isCircuitOpenError } from './circuit-breaker.js';
import { type BackoffOptions, defaultReadBackoff, jitteredGenerator } from './jittered-backoff.js';

/** How reads are retried: the backoff and how many retries after the first try. */
export interface ReadRetryOptions {
  readonly backoff?: BackoffOptions;
  /** Default 5: with the default backoff the waits are about 2, 4, 8, 16 and 30 s. */
  readonly maxRetries?: number;
}

/**
 * True when a failed read may be tried again: a passing failure (isRetryableRead), but not a
 * refusal by an open circuit, which no retry within the backoff would get past.
 */
export function shouldRetryRead(error: unknown): boolean {
  return isExchangeError(error) && isRetryableRead(error.kind) && !isCircuitOpenError(error);
}

/**
 * The retry policy for REST reads (cockatiel). Never used for createOrder: a create whose outcome
 * is unknown is resolved by looking up its client order id (docs/architecture.md, "Order executor").
 */
export function readRetryPolicy(options: ReadRetryOptions = {}): RetryPolicy {
  const backoff = options.backoff ?? defaultReadBackoff;
  return retry(handleWhen(shouldRetryRead), {
    maxAttempts: options.maxRetries ?? 5,
    backoff: new ExponentialBackoff({
      initialDelay: backoff.initialMs,
      maxDelay: backoff.maxMs,
      generator: jitteredGenerator(backoff),
    }),
  });
}
