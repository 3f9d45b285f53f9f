// The one publisher trading code calls where an event happens. Publishing never blocks and never
// throws: it hands the event to the delivery (an enqueue) and returns; a failure (Redis down) is
// logged by the delivery, the trade path goes on.
import type { TradingEvent } from './trading-event.js';

/** Where trading events go. */
export interface TradingEvents {
  /** Hands over an event; returns at once, never throws. */
  publish(event: TradingEvent): void;
  /**
   * Builds events from reads (an exit's sale, P&L) off the trade path and publishes them; a failed
   * read is logged, never thrown.
   */
  publishFrom(build: () => Promise<readonly TradingEvent[]>): void;
}

/** Events go nowhere (no channel configured, replay, tests that do not look). */
export const noTradingEvents: TradingEvents = {
  publish: () => undefined,
  publishFrom: () => undefined,
};
