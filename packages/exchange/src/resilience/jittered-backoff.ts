import { HooklineError } from '@hookline/core';
import type { GeneratorFn } from 'cockatiel';

/** Exponential backoff with jitter: `initialMs` doubling up to `maxMs`, each delay cut by up to `jitter`. */
export interface BackoffOptions {
  /** First delay (the 2 s for REST reads; tests pass a few ms). */
  readonly initialMs: number;
  /** Largest delay (30 s). */
  readonly maxMs: number;
  /** Largest fraction removed at random from a delay (0.3 = up to 30 %). */
  readonly jitter: number;
  /** Uniform [0, 1) source (default Math.random); tests inject a fixed one. */
  readonly random?: () => number;
}

/** The backoff for REST reads: 2 s doubling to 30 s with up to 30 % jitter. */
export const defaultReadBackoff: BackoffOptions = { initialMs: 2_000, maxMs: 30_000, jitter: 0.3 };

/**
 * The delay before retry number `attempt` (0-based). Jitter only shortens a delay, so the cap holds
 * and clients that failed together spread out instead of retrying in lockstep.
 */
export function backoffDelay(options: BackoffOptions, attempt: number): number {
  if (
    options.initialMs < 0 ||
    options.maxMs < options.initialMs ||
    options.jitter < 0 ||
    options.jitter >= 1
  ) {
    throw new HooklineError('INVALID_ARGUMENT', 'backoff needs 0 <= initial <= max and 0 <= jitter < 1', {
      context: { ...options, random: undefined },
    });
  }
  const exponential = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt));
  const random = options.random ?? Math.random;
  return Math.round(exponential * (1 - options.jitter * random()));
}

/** The same backoff as a cockatiel delay generator (its state is the attempt number). */
export function jitteredGenerator(options: BackoffOptions): GeneratorFn<number> {
  return (attempt = 0) => [backoffDelay(options, attempt), attempt + 1];
}
