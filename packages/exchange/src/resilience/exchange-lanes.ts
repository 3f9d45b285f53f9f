import type { Clock } from '@hookline/core';
import { ExchangeError } from '../port/exchange-error.js';
import type { ExchangeOperation } from '../port/exchange-port.js';
import { type CircuitBreakerOptions, ExchangeCircuitBreaker } from './circuit-breaker.js';
import type { CircuitScope, ExchangeCircuits } from './circuit-status.js';
import { RequestBudget } from './request-budget.js';

/** Which breaker and budget an operation uses: market data reads apart from orders and account. */
export function scopeOf(operation: ExchangeOperation | string): CircuitScope {
  return operation === 'fetchTicker' || operation === 'fetchCandles' || operation === 'fetchMarkets'
    ? 'marketData'
    : 'orders';
}

/** The breakers' and budgets' settings of one exchange. */
export interface ExchangeLanesOptions {
  readonly exchange: string;
  /** The breakers' clock (their OPEN period). */
  readonly clock: Clock;
  /**
   * The budgets' clock (default: the same). The venue counts real seconds, so an adapter whose
   * breakers run on a test clock still spaces its requests on the system clock.
   */
  readonly budgetClock?: Clock;
  /** Both breakers' settings (each breaker counts its own failures). */
  readonly breaker?: Partial<Omit<CircuitBreakerOptions, 'exchange' | 'clock' | 'scope'>>;
  /** Sustained requests/s of orders and account requests (the venue's private limit). */
  readonly ordersPerSecond: number;
  /** Sustained requests/s of market data reads (the venue's public limit). */
  readonly marketDataPerSecond: number;
}

/** How one request is run: `urgent` for hard stops and emergency exits. */
export interface LaneRequest {
  readonly urgent?: boolean;
  /**
   * Runs the wait for the budget and the call under a deadline (the adapter's attempt timeout); a
   * request whose deadline passed while it waited is never sent.
   */
  readonly within?: <Result>(work: (signal: AbortSignal) => Promise<Result>) => Promise<Result>;
}

/**
 * The request budgets and circuit breakers of one exchange, one of each per scope: market data
 * reads (tickers, markets, candles) and orders/account (create, cancel, order and fill lookups,
 * balances). A burst of failing ticker reads opens only the market data breaker and spends only the
 * market data budget, so orders go on. An urgent request waits in the priority lane of its budget and
 * passes an OPEN orders breaker as a probe once per urgentProbeIntervalMs (circuit-breaker.ts).
 */
export class ExchangeLanes {
  readonly breakers: Readonly<Record<CircuitScope, ExchangeCircuitBreaker>>;
  readonly budgets: Readonly<Record<CircuitScope, RequestBudget>>;

  constructor(options: ExchangeLanesOptions) {
    const breaker = (scope: CircuitScope) =>
      new ExchangeCircuitBreaker({
        ...options.breaker,
        exchange: options.exchange,
        clock: options.clock,
        scope,
      });
    this.breakers = { marketData: breaker('marketData'), orders: breaker('orders') };
    this.budgets = {
      marketData: new RequestBudget({
        name: `${options.exchange} market data`,
        clock: options.budgetClock ?? options.clock,
        requestsPerSecond: options.marketDataPerSecond,
      }),
      orders: new RequestBudget({
        name: `${options.exchange} orders`,
        clock: options.budgetClock ?? options.clock,
        requestsPerSecond: options.ordersPerSecond,
      }),
    };
  }

  /**
   * Runs one request through its scope's breaker (refused at once when OPEN, nothing sent) and then
   * its budget (waiting its turn, urgent first); `call` is the request itself.
   */
  run<Result>(operation: string, call: () => Promise<Result>, request: LaneRequest = {}): Promise<Result> {
    const scope = scopeOf(operation);
    // Only orders are urgent: a hard stop's sell, never a read of market data.
    const urgent = request.urgent === true && scope === 'orders';
    const work = async (signal?: AbortSignal) => {
      await this.budgets[scope].take(urgent ? 'urgent' : 'normal');
      if (signal?.aborted === true) {
        throw new ExchangeError('TEMPORARY', `${operation} passed its deadline waiting for the budget`, {
          context: { operation, scope },
        });
      }
      return call();
    };
    return this.breakers[scope].execute(
      operation,
      () => (request.within === undefined ? work() : request.within(work)),
      { urgent },
    );
  }

  /** Both breakers now. */
  circuits(): ExchangeCircuits {
    return { marketData: this.breakers.marketData.status(), orders: this.breakers.orders.status() };
  }
}
