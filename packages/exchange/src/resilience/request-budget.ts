import { type Clock, HooklineError } from '@hookline/core';

/** Where a request waits for its turn: urgent requests (hard stops, emergency exits) go first. */
export type RequestLane = 'urgent' | 'normal';

/** How many requests a budget lets through. */
export interface RequestBudgetOptions {
  /** Name in errors and counts (`coinbase market data`). */
  readonly name: string;
  /** The only source of time for refilling the budget (a TestClock in tests). */
  readonly clock: Clock;
  /** Requests per second, sustained (> 0). */
  readonly requestsPerSecond: number;
  /** Requests that may go at once after a quiet spell (default 1: evenly spaced). */
  readonly burst?: number;
}

/** What waits in a budget now, per lane. */
export interface BudgetQueue {
  readonly urgent: number;
  readonly normal: number;
}

/**
 * A token bucket on the injected clock with two lanes. A request takes one token; when none is left
 * it waits, and whenever a token comes free the oldest urgent request gets it before any normal one,
 * so an urgent order never waits behind queued reads. `release()` hands out what the clock allows now
 * (a timer calls it when the next token is due; a test on a TestClock calls it after moving the clock).
 */
export class RequestBudget {
  readonly #options: Required<RequestBudgetOptions>;
  readonly #queues: Record<RequestLane, Array<() => void>> = { urgent: [], normal: [] };
  #tokens: number;
  #refilledAtMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: RequestBudgetOptions) {
    const burst = options.burst ?? 1;
    if (!(Number.isFinite(options.requestsPerSecond) && options.requestsPerSecond > 0)) {
      throw new HooklineError(
        'INVALID_ARGUMENT',
        `the ${options.name} budget needs requestsPerSecond above 0, got ${options.requestsPerSecond}`,
        { context: { budget: options.name, requestsPerSecond: options.requestsPerSecond } },
      );
    }
    if (!(Number.isSafeInteger(burst) && burst >= 1)) {
      throw new HooklineError('INVALID_ARGUMENT', `the ${options.name} budget needs a burst of at least 1`, {
        context: { budget: options.name, burst },
      });
    }
    this.#options = { ...options, burst };
    this.#tokens = burst;
    this.#refilledAtMs = options.clock.nowMs();
  }

  /** Resolves when the request may go (at once when a token is free and nobody waits before it). */
  take(lane: RequestLane = 'normal'): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#queues[lane].push(resolve);
      this.release();
    });
  }

  /** Takes a token now if one is free and nobody waits; false otherwise (the caller goes without). */
  tryTake(): boolean {
    this.#refill();
    if (this.#tokens < 1 || this.#queues.urgent.length + this.#queues.normal.length > 0) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Lets through as many waiting requests as the clock allows, urgent first. */
  release(): void {
    this.#refill();
    while (this.#tokens >= 1) {
      const next = this.#queues.urgent.shift() ?? this.#queues.normal.shift();
      if (next === undefined) break;
      this.#tokens -= 1;
      next();
    }
    this.#schedule();
  }

  /** How many requests wait in each lane. */
  waiting(): BudgetQueue {
    return { urgent: this.#queues.urgent.length, normal: this.#queues.normal.length };
  }

  #refill(): void {
    const nowMs = this.#options.clock.nowMs();
    const elapsedMs = Math.max(0, nowMs - this.#refilledAtMs);
    this.#tokens = Math.min(
      this.#options.burst,
      this.#tokens + (elapsedMs * this.#options.requestsPerSecond) / 1_000,
    );
    this.#refilledAtMs = nowMs;
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#queues.urgent.length + this.#queues.normal.length === 0) return;
    const dueMs = Math.ceil(((1 - this.#tokens) * 1_000) / this.#options.requestsPerSecond);
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.release();
      },
      Math.max(1, dueMs),
    );
    this.#timer.unref();
  }
}
