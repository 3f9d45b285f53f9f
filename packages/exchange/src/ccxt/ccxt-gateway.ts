import type { Clock } from '@hookline/core';
import type { Exchange } from 'ccxt';
import {
  type RetryPolicy,
  TaskCancelledError,
  type TimeoutPolicy,
  TimeoutStrategy,
  timeout,
} from 'cockatiel';
import { ExchangeError, type ExchangeErrorContext } from '../port/exchange-error.js';
import { type CircuitBreakerOptions, ExchangeCircuitBreaker } from '../resilience/circuit-breaker.js';
import { type ReadRetryOptions, readRetryPolicy } from '../resilience/read-retry.js';
import { translateCcxtError } from './ccxt-error-translation.js';
import type { VenueProfile } from './venue-profile.js';

/** The resilience settings of one exchange's REST calls. */
export interface GatewaySettings {
  readonly clock: Clock;
  /** Name in errors, metrics and the breaker status (`coinbase`). */
  readonly name: string;
  readonly retry?: ReadRetryOptions;
  readonly breaker?: Partial<Omit<CircuitBreakerOptions, 'exchange' | 'clock'>>;
  /**
   * A deadline for one attempt including ccxt's rate-limit queue (default: twice ccxt's request
   * timeout); a request still waiting then counts as timed out (UNKNOWN_OUTCOME for a create).
   */
  readonly attemptTimeoutMs: number;
}

/**
 * Every REST call of a CcxtExchange goes through here, so the policies live in one place:
 * reads are retried with jittered backoff (cockatiel retry) through the exchange's circuit
 * breaker, each attempt under a deadline (cockatiel timeout); creates and cancels go through the
 * breaker and deadline only, never retried. Errors are translated once, here.
 */
export class CcxtGateway {
  readonly client: Exchange;
  readonly profile: VenueProfile;
  readonly breaker: ExchangeCircuitBreaker;
  /** The exchange's name in errors and metrics. */
  readonly name: string;
  readonly #settings: GatewaySettings;
  readonly #reads: RetryPolicy;
  readonly #deadline: TimeoutPolicy;

  constructor(client: Exchange, profile: VenueProfile, settings: GatewaySettings) {
    this.client = client;
    this.profile = profile;
    this.#settings = settings;
    this.name = settings.name;
    this.breaker = new ExchangeCircuitBreaker({
      ...settings.breaker,
      exchange: settings.name,
      clock: settings.clock,
    });
    this.#deadline = timeout(settings.attemptTimeoutMs, TimeoutStrategy.Aggressive);
    this.#reads = readRetryPolicy(settings.retry);
  }

  /** A read: retried while its failures are passing ones. */
  read<Result>(
    operation: string,
    context: ExchangeErrorContext,
    call: (client: Exchange) => Promise<Result>,
  ): Promise<Result> {
    return this.#reads.execute(() => this.#attempt(operation, context, call));
  }

  /** A create or cancel: one attempt; an unanswered one is UNKNOWN_OUTCOME (resolved by lookup, not re-sent). */
  write<Result>(
    operation: string,
    context: ExchangeErrorContext,
    call: (client: Exchange) => Promise<Result>,
  ): Promise<Result> {
    return this.#attempt(operation, context, call);
  }

  /** Translates an error the same way the calls do (for errors raised around them). */
  translate(error: unknown, operation: string, context: ExchangeErrorContext): ExchangeError {
    return translateCcxtError(error, {
      operation,
      exchange: this.#settings.name,
      parseRejection: this.profile.parseRejection,
      context,
    });
  }

  #attempt<Result>(
    operation: string,
    context: ExchangeErrorContext,
    call: (client: Exchange) => Promise<Result>,
  ): Promise<Result> {
    return this.breaker.execute(operation, async () => {
      try {
        return await this.#deadline.execute(() => call(this.client));
      } catch (error) {
        if (error instanceof TaskCancelledError) {
          const write = operation === 'createOrder' || operation === 'cancelOrder';
          throw new ExchangeError(
            write ? 'UNKNOWN_OUTCOME' : 'TEMPORARY',
            `${this.#settings.name} ${operation} passed its deadline`,
            {
              context: {
                ...context,
                operation,
                exchange: this.#settings.name,
                deadlineMs: this.#settings.attemptTimeoutMs,
              },
              cause: error,
            },
          );
        }
        throw this.translate(error, operation, context);
      }
    });
  }
}
