import { assertNever } from '@hookline/core';

/** The breaker's position: CLOSED lets calls through, OPEN refuses them, HALF_OPEN lets calls probe. */
export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/**
 * What /readyz and the risk gate read: OFFLINE stops new entries (docs/architecture.md, "Risk gate
 * and preflight").
 */
export type ExchangeHealth = 'HEALTHY' | 'DEGRADED' | 'OFFLINE';

/**
 * Which requests a breaker guards: `marketData` (tickers, markets, candles) or `orders` (create,
 * cancel, order and fill lookups, balances). Each has its own breaker, so failing reads of market
 * data never refuse an order.
 */
export type CircuitScope = 'marketData' | 'orders';

/** A snapshot of one of an exchange's breakers, for metrics, /readyz and the API. */
export interface CircuitStatus {
  readonly exchange: string;
  readonly scope: CircuitScope;
  readonly state: CircuitState;
  readonly health: ExchangeHealth;
  /** Failures in a row (reset by any success). */
  readonly consecutiveFailures: number;
  /** Successes so far in the current HALF_OPEN period. */
  readonly halfOpenSuccesses: number;
  readonly totalSuccesses: number;
  readonly totalFailures: number;
  /** Calls refused without reaching the exchange because the circuit was OPEN. */
  readonly rejectedWhileOpen: number;
  /** Urgent requests (hard stops, emergency exits) let through an OPEN circuit as probes. */
  readonly urgentProbes: number;
  readonly lastFailureAt: Date | undefined;
  readonly lastFailure: string | undefined;
  readonly lastSuccessAt: Date | undefined;
  /** When the circuit last opened (undefined if it never did). */
  readonly openedAt: Date | undefined;
  /** When an OPEN circuit lets the next call probe; undefined unless OPEN. */
  readonly halfOpensAt: Date | undefined;
  readonly stateChangedAt: Date | undefined;
}

/**
 * Health from the breaker: OPEN is OFFLINE; HALF_OPEN, or CLOSED with a failure streak under way, is
 * DEGRADED (the exchange answers but not reliably); otherwise HEALTHY.
 */
export function healthOf(state: CircuitState, consecutiveFailures: number): ExchangeHealth {
  switch (state) {
    case 'OPEN':
      return 'OFFLINE';
    case 'HALF_OPEN':
      return 'DEGRADED';
    case 'CLOSED':
      return consecutiveFailures > 0 ? 'DEGRADED' : 'HEALTHY';
    default:
      return assertNever(state, 'circuit state');
  }
}

/** Both breakers of one exchange. */
export interface ExchangeCircuits {
  readonly marketData: CircuitStatus;
  readonly orders: CircuitStatus;
}

const healthRank: Readonly<Record<ExchangeHealth, number>> = { HEALTHY: 0, DEGRADED: 1, OFFLINE: 2 };

/** The worse of some healths (HEALTHY when none). */
export function worstHealth(healths: readonly ExchangeHealth[]): ExchangeHealth {
  return healths.reduce<ExchangeHealth>(
    (worst, health) => (healthRank[health] > healthRank[worst] ? health : worst),
    'HEALTHY',
  );
}
