import { HooklineError } from './errors.js';

/**
 * Where domain code gets the current time: injected, so rules and tests are deterministic.
 * A clock only tells the time; it never schedules or sleeps (timers belong to the apps).
 */
export interface Clock {
  /** The current instant as a new Date (UTC inside, safe to keep). */
  now(): Date;
  /** The current instant in milliseconds since the Unix epoch. */
  nowMs(): number;
}

/** A clock that moves only when told to: starts at a given instant, then advance() or set(). */
export class TestClock implements Clock {
  #epochMs: number;

  constructor(start: Date | number) {
    this.#epochMs = toEpochMs(start);
  }

  now(): Date {
    return new Date(this.#epochMs);
  }

  nowMs(): number {
    return this.#epochMs;
  }

  /** Moves the clock forward; use set() to go back, so a negative step cannot slip in by mistake. */
  advance(milliseconds: number): this {
    if (!Number.isSafeInteger(milliseconds) || milliseconds < 0) {
      throw new HooklineError('INVALID_ARGUMENT', 'advance() takes a non-negative integer of milliseconds', {
        context: { milliseconds },
      });
    }
    this.#epochMs += milliseconds;
    return this;
  }

  /** Moves the clock to the instant, forward or back (a wall clock can step back too). */
  set(instant: Date | number): this {
    this.#epochMs = toEpochMs(instant);
    return this;
  }
}

function toEpochMs(instant: Date | number): number {
  const epochMs = instant instanceof Date ? instant.getTime() : instant;
  if (!Number.isSafeInteger(epochMs)) {
    throw new HooklineError(
      'INVALID_ARGUMENT',
      'a clock instant must be a valid Date or integer milliseconds',
      {
        context: { instant },
      },
    );
  }
  return epochMs;
}
