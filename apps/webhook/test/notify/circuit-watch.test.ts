// The circuit watch reads the breakers' own state (as /metrics does) and tells each opening and each
// closing once; HALF_OPEN probes and unchanged reads say nothing.
import { TestClock } from '@hookline/core';
import type { CircuitStatus, ExchangeCircuits, ExchangePort } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { CircuitWatch } from '../../src/notify/circuit-watch.js';
import type { TradingEvents } from '../../src/notify/event-publisher.js';
import type { TradingEvent } from '../../src/notify/trading-event.js';

type State = CircuitStatus['state'];

function breakers(orders: State, marketData: State = 'CLOSED') {
  const status = (scope: string, state: State) =>
    ({ exchange: 'coinbase', scope, state }) as unknown as CircuitStatus;
  return { marketData: status('market_data', marketData), orders: status('orders', orders) };
}

describe('circuit watch', () => {
  it.each([
    [['CLOSED', 'CLOSED'], []],
    [['CLOSED', 'OPEN', 'OPEN'], ['circuit.opened orders']],
    [
      ['CLOSED', 'OPEN', 'HALF_OPEN', 'CLOSED'],
      ['circuit.opened orders', 'circuit.closed orders'],
    ],
    [['OPEN', 'HALF_OPEN', 'OPEN'], ['circuit.opened orders']],
  ] as const)('when the orders breaker reads %j then the events are %j', (states, expected) => {
    let current: ExchangeCircuits = breakers('CLOSED');
    const exchange = { name: 'coinbase', circuits: () => current } as unknown as ExchangePort;
    const told: TradingEvent[] = [];
    const events: TradingEvents = { publish: (event) => told.push(event), publishFrom: () => undefined };
    const watch = new CircuitWatch(exchange, events, new TestClock(Date.parse('2024-05-01T12:00:00Z')));

    for (const state of states) {
      current = breakers(state);
      watch.check();
    }

    expect(told.map((event) => `${event.kind} ${'scope' in event ? event.scope : ''}`)).toEqual(expected);
  });
});
