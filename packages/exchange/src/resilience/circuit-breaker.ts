import type { Clock } from '@hookline/core';
import { type CircuitBreakerPolicy, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { ExchangeError, isExchangeError } from '../port/exchange-error.js';
import { type CircuitScope, type CircuitState, type CircuitStatus, healthOf } from './circuit-status.js';

/** How one of an exchange's breakers behaves (defaults: 5 failures, 60 s, 2 successes). */
export interface CircuitBreakerOptions {
  readonly exchange: string;
  /** Which requests it guards (default `orders`). */
  readonly scope?: CircuitScope;
  /** The only source of time for OPEN → HALF_OPEN (a TestClock in tests). */
  readonly clock: Clock;
  readonly failureThreshold?: number;
  readonly halfOpenAfterMs?: number;
  readonly successesToClose?: number;
  /**
   * An urgent request (a hard stop, an emergency exit) passes an OPEN circuit as a probe at most
   * once per this many ms (default 3 000, the sentinel's sweep): a stop-loss is retried every sweep
   * instead of being refused for the whole OPEN period.
   */
  readonly urgentProbeIntervalMs?: number;
  /** Which errors count against the exchange's health (default: countsAsExchangeFailure). */
  readonly isFailure?: (error: unknown) => boolean;
}

/**
 * A definitive answer (refused order, unknown symbol or order) proves the exchange is up; only
 * failures to get an answer (timeouts, 5xx, 429, auth, garbage) count toward opening the circuit.
 */
export function countsAsExchangeFailure(error: unknown): boolean {
  if (!isExchangeError(error)) return true;
  return !['INSUFFICIENT_FUNDS', 'INVALID_ORDER', 'INVALID_SYMBOL', 'NOT_FOUND'].includes(error.kind);
}

/** True for the error a breaker throws when it refuses a call (the request never left). */
export function isCircuitOpenError(error: unknown): boolean {
  return isExchangeError(error, 'TEMPORARY') && error.context.circuit === 'OPEN';
}

/**
 * A per-exchange circuit breaker on cockatiel, with its timing driven by our Clock.
 *
 * Why the wrapper: cockatiel 3.2's CircuitBreakerPolicy reads `Date.now()` to decide when an open
 * circuit half-opens, and closes after a single successful probe. We need the 60 s measured on the
 * injected Clock (so tests move a TestClock) and two successes to close. So cockatiel executes the
 * calls, classifies failures and counts the consecutive ones (ConsecutiveBreaker), and reports when
 * the threshold is reached (onBreak); this class owns the OPEN period on our clock, refuses calls
 * during it, and counts the probes of HALF_OPEN. cockatiel's own half-open delay is 0, so once we
 * let a call through its Open state turns it into a probe at once.
 */
export class ExchangeCircuitBreaker {
  readonly #options: Required<CircuitBreakerOptions>;
  readonly #policy: CircuitBreakerPolicy;
  readonly #listeners = new Set<(status: CircuitStatus) => void>();
  #state: CircuitState = 'CLOSED';
  #consecutiveFailures = 0;
  #halfOpenSuccesses = 0;
  #totals = { successes: 0, failures: 0, rejected: 0, urgentProbes: 0 };
  #lastUrgentProbeMs: number | undefined;
  #lastFailure: { at: Date; message: string } | undefined;
  #lastSuccessAt: Date | undefined;
  #openedAtMs: number | undefined;
  #stateChangedAt: Date | undefined;

  constructor(options: CircuitBreakerOptions) {
    this.#options = {
      failureThreshold: 5,
      halfOpenAfterMs: 60_000,
      successesToClose: 2,
      scope: 'orders',
      urgentProbeIntervalMs: 3_000,
      isFailure: countsAsExchangeFailure,
      ...options,
    };
    this.#policy = circuitBreaker(
      handleWhen((error) => this.#options.isFailure(error)),
      { halfOpenAfter: 0, breaker: new ConsecutiveBreaker(this.#options.failureThreshold) },
    );
    this.#policy.onBreak(() => this.#open());
  }

  /**
   * Runs the call unless the circuit is OPEN (then TEMPORARY with context circuit=OPEN, nothing
   * sent). An urgent call passes an OPEN circuit as a probe once per urgentProbeIntervalMs.
   */
  async execute<Result>(
    operation: string,
    action: () => Promise<Result>,
    options: { readonly urgent?: boolean } = {},
  ): Promise<Result> {
    this.#refreshState();
    if (this.#state === 'OPEN' && options.urgent === true && this.#urgentProbeDue()) {
      this.#totals.urgentProbes += 1;
      this.#lastUrgentProbeMs = this.#options.clock.nowMs();
    } else if (this.#state === 'OPEN') {
      this.#totals.rejected += 1;
      throw new ExchangeError(
        'TEMPORARY',
        `the ${this.#options.exchange} ${this.#options.scope} circuit is open; request not sent`,
        {
          context: {
            operation,
            exchange: this.#options.exchange,
            circuit: 'OPEN',
            scope: this.#options.scope,
            halfOpensAt: this.#halfOpensAt(),
          },
        },
      );
    }
    // A definitive refusal travels through cockatiel as a value, so that it resets the consecutive
    // count there as it does here; it is thrown again outside.
    let outcome: { readonly value: Result } | { readonly refusal: unknown };
    try {
      outcome = await this.#policy.execute(async () => {
        try {
          return { value: await action() };
        } catch (error) {
          if (this.#options.isFailure(error)) throw error;
          return { refusal: error };
        }
      });
    } catch (error) {
      this.#recordFailure(error);
      throw error;
    }
    this.#recordSuccess();
    if ('refusal' in outcome) throw outcome.refusal;
    return outcome.value;
  }

  /** The breaker now, with counts and times (moves OPEN to HALF_OPEN if its time has come). */
  status(): CircuitStatus {
    this.#refreshState();
    return this.#snapshot();
  }

  #snapshot(): CircuitStatus {
    const halfOpensAt = this.#halfOpensAt();
    return {
      exchange: this.#options.exchange,
      scope: this.#options.scope,
      state: this.#state,
      health: healthOf(this.#state, this.#consecutiveFailures),
      consecutiveFailures: this.#consecutiveFailures,
      halfOpenSuccesses: this.#halfOpenSuccesses,
      totalSuccesses: this.#totals.successes,
      totalFailures: this.#totals.failures,
      rejectedWhileOpen: this.#totals.rejected,
      urgentProbes: this.#totals.urgentProbes,
      lastFailureAt: this.#lastFailure?.at,
      lastFailure: this.#lastFailure?.message,
      lastSuccessAt: this.#lastSuccessAt,
      openedAt: this.#openedAtMs === undefined ? undefined : new Date(this.#openedAtMs),
      halfOpensAt: this.#state === 'OPEN' && halfOpensAt !== undefined ? new Date(halfOpensAt) : undefined,
      stateChangedAt: this.#stateChangedAt,
    };
  }

  /** Calls the listener on every state change; returns the unsubscribe function. */
  onStateChange(listener: (status: CircuitStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #recordSuccess(): void {
    this.#totals.successes += 1;
    this.#consecutiveFailures = 0;
    this.#lastSuccessAt = this.#options.clock.now();
    // An urgent probe that got an answer is the first good answer of a half-open period.
    if (this.#state === 'OPEN') this.#moveTo('HALF_OPEN');
    if (this.#state !== 'HALF_OPEN') return;
    this.#halfOpenSuccesses += 1;
    if (this.#halfOpenSuccesses >= this.#options.successesToClose) this.#moveTo('CLOSED');
  }

  #recordFailure(error: unknown): void {
    this.#totals.failures += 1;
    this.#consecutiveFailures += 1;
    this.#lastFailure = { at: this.#options.clock.now(), message: describe(error) };
    // A failed probe re-opens at once; cockatiel only re-opens when its own count says so.
    if (this.#state === 'HALF_OPEN') this.#open();
  }

  #open(): void {
    if (this.#state === 'OPEN') return;
    this.#openedAtMs = this.#options.clock.nowMs();
    this.#moveTo('OPEN');
  }

  #refreshState(): void {
    const halfOpensAt = this.#halfOpensAt();
    if (this.#state === 'OPEN' && halfOpensAt !== undefined && this.#options.clock.nowMs() >= halfOpensAt) {
      this.#moveTo('HALF_OPEN');
    }
  }

  #urgentProbeDue(): boolean {
    return (
      this.#lastUrgentProbeMs === undefined ||
      this.#options.clock.nowMs() - this.#lastUrgentProbeMs >= this.#options.urgentProbeIntervalMs
    );
  }

  #halfOpensAt(): number | undefined {
    return this.#openedAtMs === undefined ? undefined : this.#openedAtMs + this.#options.halfOpenAfterMs;
  }

  #moveTo(state: CircuitState): void {
    this.#state = state;
    this.#halfOpenSuccesses = 0;
    this.#stateChangedAt = this.#options.clock.now();
    const status = this.#snapshot();
    for (const listener of [...this.#listeners]) listener(status);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : String(error);
}
