import type { Clock } from '@hookline/core';

/** The limiter's answer: go ahead, or wait this many seconds (sent as Retry-After). */
export type RateVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number; readonly firstRefusal: boolean };

interface Bucket {
  tokens: number;
  updatedMs: number;
  limited: boolean;
}

/**
 * A token bucket per sender address, in this process's memory: `perMinute` tokens refilled evenly, a
 * burst of up to `perMinute`. Every replica counts on its own (N replicas allow N× the rate) and a
 * restart forgets the counts; good enough to shed a flood before it reaches the database.
 * At most `maxTracked` addresses are kept: full buckets go first, then the oldest.
 */
export class TokenBucketRateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #refillPerMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly perMinute: number,
    private readonly maxTracked = 10_000,
  ) {
    this.#refillPerMs = perMinute / 60_000;
  }

  /** Takes one token for the sender. */
  take(sender: string): RateVerdict {
    const nowMs = this.clock.nowMs();
    const bucket = this.#buckets.get(sender) ?? this.#track(sender, nowMs);
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (nowMs - bucket.updatedMs) * this.#refillPerMs);
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.limited = false;
      return { allowed: true };
    }
    const firstRefusal = !bucket.limited;
    bucket.limited = true;
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.#refillPerMs / 1000));
    return { allowed: false, retryAfterSeconds, firstRefusal };
  }

  #track(sender: string, nowMs: number): Bucket {
    if (this.#buckets.size >= this.maxTracked) this.#evict(nowMs);
    const bucket = { tokens: this.perMinute, updatedMs: nowMs, limited: false };
    this.#buckets.set(sender, bucket);
    return bucket;
  }

  #evict(nowMs: number): void {
    for (const [sender, bucket] of this.#buckets) {
      if (bucket.tokens + (nowMs - bucket.updatedMs) * this.#refillPerMs >= this.perMinute) {
        this.#buckets.delete(sender);
      }
    }
    const oldest = this.#buckets.keys().next();
    if (this.#buckets.size >= this.maxTracked && oldest.done !== true) this.#buckets.delete(oldest.value);
  }
}
