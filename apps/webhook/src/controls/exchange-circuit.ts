import type { CircuitStatus, ExchangeHealth, ExchangePort } from '@hookline/exchange';

/** An exchange adapter with a circuit breaker (CcxtExchange); the paper exchange has none. */
interface WithCircuit {
  circuitStatus(): CircuitStatus;
}

function hasCircuit(exchange: ExchangePort): exchange is ExchangePort & WithCircuit {
  return typeof (exchange as Partial<WithCircuit>).circuitStatus === 'function';
}

/** The exchange's breaker as the API, metrics and the risk gate see it. */
export interface CircuitView {
  readonly exchange: string;
  readonly health: ExchangeHealth;
  /** The breaker's snapshot; undefined when the adapter has no breaker. */
  readonly status: CircuitStatus | undefined;
  readonly note: string | undefined;
}

/** Reads the breaker of `exchange`; an adapter without one (paper) is HEALTHY, with a note saying why. */
export function readCircuit(exchange: ExchangePort): CircuitView {
  if (!hasCircuit(exchange)) {
    return {
      exchange: exchange.name,
      health: 'HEALTHY',
      status: undefined,
      note: 'this exchange adapter has no circuit breaker (paper): always HEALTHY',
    };
  }
  const status = exchange.circuitStatus();
  return { exchange: exchange.name, health: status.health, status, note: undefined };
}
