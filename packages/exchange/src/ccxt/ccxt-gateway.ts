import { type Clock, SystemClock } from '@hookline/core';
import type { Exchange } from 'ccxt';
import {
  type RetryPolicy,
  TaskCancelledError,
  type TimeoutPolicy,
  TimeoutStrategy,
  timeout,
} from 'cockatiel';
import { ExchangeError, type ExchangeErrorContext } from '../port/exchange-error.js';
import type { CircuitBreakerOptions } from '../resilience/circuit-breaker.js';
import { ExchangeLanes } from '../resilience/exchange-lanes.js';
import { type ReadRetryOptions, readRetryPolicy } from '../resilience/read-retry.js';
import type { translateCcxtError } from './ccxt-error-translation.js';
import type { VenueProfile } from './venue-profile.js';

/** The resilience settings of one exchange's REST calls. */
export interface GatewaySettings {
  readonly clock: Clock;
  /** Name in errors, metrics and the breaker status (`coinbase`). */
  readonly name: string;
  readonly retry?: ReadRetryOptions;
  readonly breaker?: Partial<Omit<CircuitBreakerOptions, 'exchange' | 'clock' | 'scope'>>;
  /** Sustained orders and account requests per second (the venue's private limit). */
  readonly ordersPerSecond: number;
  /** Sustained market data reads per second (the venue's public limit). */
  readonly marketDataPerSecond: number;
  /**
   * A deadline for one attempt including ccxt's rate-limit queue (default: twice ccxt's request
   * timeout); a request still waiting then counts as timed out (UNKNOWN_OUTCOME for a create).
   */
  readonly attemptTimeoutMs: number;
}

/**
 * Every REST call of a CcxtExchange goes through here, so the policies live in one place:
 * reads are retried with jittered backoff (cockatiel retry) through the breaker and budget of their
 * scope (market data or orders, ExchangeLanes), each attempt under a deadline (cockatiel timeout)
 * that includes the wait for the budget; creates and cancels go through the orders breaker, budget
 * and deadline only, never retried. Errors are translated once, here.
 */
export class CcxtGateway {
  readonly profile: VenueProfile;
  /** The market data and orders breakers and budgets. */
  readonly lanes: ExchangeLanes;
  /** The exchange's name in errors and metrics. */
  readonly name: string;
  readonly #settings: GatewaySettings;
  readonly #reads: RetryPolicy;
  readonly #deadline: TimeoutPolicy;
  /** The ccxt client and the translation of ccxt's errors, once ccxt has loaded (the first call waits). */
  readonly #ccxt: Promise<{ client: Exchange; translate: typeof translateCcxtError }>;

  /**
   * `client` is still loading: ccxt is over a thousand modules, loaded with the first venue built
   * (CcxtExchange), never by a process that trades on paper only or reads no venue.
   */
  constructor(client: Promise<Exchange>, profile: VenueProfile, settings: GatewaySettings) {
    this.#ccxt = Promise.all([client, import('./ccxt-error-translation.js')]).then(([loaded, errors]) => ({
      client: loaded,
      translate: errors.translateCcxtError,
    }));
    // A failure to load is reported by the first call that awaits it, not as an unhandled rejection
    // (which would end the process) while no call has been made yet.
    this.#ccxt.catch(() => undefined);
    this.profile = profile;
    this.#settings = settings;
    this.name = settings.name;
    this.lanes = new ExchangeLanes({
      exchange: settings.name,
      clock: settings.clock,
      // The venue's limits are in real seconds, whatever clock the breakers run on.
      budgetClock: new SystemClock(),
      ordersPerSecond: settings.ordersPerSecond,
      marketDataPerSecond: settings.marketDataPerSecond,
      ...(settings.breaker === undefined ? {} : { breaker: settings.breaker }),
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

  /**
   * A create or cancel: one attempt; an unanswered one is UNKNOWN_OUTCOME (resolved by lookup, not
   * re-sent). `urgent` (hard stops, emergency exits) takes the priority lane of the orders budget.
   */
  write<Result>(
    operation: string,
    context: ExchangeErrorContext,
    call: (client: Exchange) => Promise<Result>,
    urgent = false,
  ): Promise<Result> {
    return this.#attempt(operation, context, call, urgent);
  }

  async #attempt<Result>(
    operation: string,
    context: ExchangeErrorContext,
    call: (client: Exchange) => Promise<Result>,
    urgent = false,
  ): Promise<Result> {
    // Before the budget and the deadline: loading ccxt is not the venue's time.
    const ccxt = await this.#ccxt;
    const within = async <Inner>(work: (signal: AbortSignal) => Promise<Inner>): Promise<Inner> => {
      try {
        return await this.#deadline.execute(({ signal }) => work(signal));
      } catch (error) {
        if (!(error instanceof TaskCancelledError)) throw error;
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
    };
    const send = async () => {
      try {
        return await call(ccxt.client);
      } catch (error) {
        throw ccxt.translate(error, {
          operation,
          exchange: this.#settings.name,
          parseRejection: this.profile.parseRejection,
          context,
        });
      }
    };
    return this.lanes.run(operation, send, { urgent, within });
  }
}
