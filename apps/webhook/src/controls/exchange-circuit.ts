import {
  type CircuitStatus,
  type ExchangeCircuits,
  type ExchangeHealth,
  type ExchangePort,
  worstHealth,
} from '@hookline/exchange';

/** An exchange adapter with circuit breakers (CcxtExchange, a paper exchange given breakers). */
interface WithCircuits {
  circuits(): ExchangeCircuits | undefined;
}

function hasCircuits(exchange: ExchangePort): exchange is ExchangePort & WithCircuits {
  return typeof (exchange as Partial<WithCircuits>).circuits === 'function';
}

/**
 * The exchange's two breakers as the API, metrics and the risk gate see them. Entries read `health`,
 * the worse of both: an entry needs a fresh quote (market data) and an order that reaches the venue
 * (orders), and a position opened while market data is unreachable would be watched by the stream
 * alone. Exits read `ordersHealth` only: a breaker opened by failing ticker reads never holds back
 * a sell.
 */
export interface CircuitView {
  readonly exchange: string;
  /** The worse of both breakers (OFFLINE when either is). */
  readonly health: ExchangeHealth;
  /** The orders breaker's health (create, cancel, order lookups, balances). */
  readonly ordersHealth: ExchangeHealth;
  /** The market data breaker's health (tickers, markets, candles). */
  readonly marketDataHealth: ExchangeHealth;
  /** Both breakers' snapshots; undefined when the adapter has none. */
  readonly circuits: ExchangeCircuits | undefined;
  readonly note: string | undefined;
}

/** Reads the breakers of `exchange`; an adapter without any (paper) is HEALTHY, with a note saying why. */
export function readCircuit(exchange: ExchangePort): CircuitView {
  const circuits = hasCircuits(exchange) ? exchange.circuits() : undefined;
  if (circuits === undefined) {
    return {
      exchange: exchange.name,
      health: 'HEALTHY',
      ordersHealth: 'HEALTHY',
      marketDataHealth: 'HEALTHY',
      circuits: undefined,
      note: 'this exchange adapter has no circuit breaker (paper): always HEALTHY',
    };
  }
  return {
    exchange: exchange.name,
    health: worstHealth([circuits.marketData.health, circuits.orders.health]),
    ordersHealth: circuits.orders.health,
    marketDataHealth: circuits.marketData.health,
    circuits,
    note: undefined,
  };
}

/** Both snapshots in a fixed order (market data first), for metrics and the API. */
export function circuitList(view: CircuitView): readonly CircuitStatus[] {
  return view.circuits === undefined ? [] : [view.circuits.marketData, view.circuits.orders];
}
