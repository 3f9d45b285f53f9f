// The exchange's breakers keep their own state (packages/exchange); this watch reads it as /metrics
// does and tells a change: a breaker that opened, and one that closed again. Only what changed
// between two reads is told, so a restart with a breaker closed says nothing.
import type { Clock } from '@hookline/core';
import type { ExchangePort } from '@hookline/exchange';
import { readCircuit } from '../controls/exchange-circuit.js';
import type { TradingEvents } from './event-publisher.js';
import { circuitEvent } from './trading-event.js';

/** Reads the breakers every interval and publishes each opening and closing. */
export class CircuitWatch {
  readonly #last = new Map<string, string>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly exchange: ExchangePort,
    private readonly events: TradingEvents,
    private readonly clock: Clock,
  ) {}

  /** One read: publishes the breakers whose state changed since the last read. */
  check(): void {
    const view = readCircuit(this.exchange);
    if (view.circuits === undefined) return;
    for (const [scope, status] of [
      ['market_data', view.circuits.marketData],
      ['orders', view.circuits.orders],
    ] as const) {
      const before = this.#last.get(scope);
      this.#last.set(scope, status.state);
      if (before === undefined || before === status.state) continue;
      // HALF_OPEN is a probe, not news: told are the opening and the closing again.
      if (status.state === 'HALF_OPEN') continue;
      this.events.publish(
        circuitEvent({ exchange: view.exchange, scope, state: status.state, at: this.clock.now() }),
      );
    }
  }

  start(intervalMs: number): void {
    this.check();
    this.#timer = setInterval(() => this.check(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
