// Allowed by the domain purity check (test/support/purity-check.ts): the one file that reads the
// wall clock. Everything else receives a Clock.
import type { Clock } from './clock.js';

/** The real wall clock, for production wiring only. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }

  nowMs(): number {
    return Date.now();
  }
}
