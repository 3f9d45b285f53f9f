import type { StreamListener, StreamStatusEvent, Unsubscribe } from '../port/stream-events.js';
import { type ListenerErrorHandler, ListenerSet } from '../stream/listener-set.js';

/**
 * One simulated socket of the paper exchange. It delivers events to subscribers and imitates what
 * goes wrong on a real one: a disconnect loses everything until the reconnect, which is announced
 * by `connected` (the consumer's cue to backfill); dropped messages vanish, optionally followed by a
 * `gap` notice, as a sequence-number check would give. Times are the clock's, never a timer's.
 */
export class PaperStream<Event extends { readonly type: string }> {
  readonly #listeners: ListenerSet<Event | StreamStatusEvent>;
  readonly #onError: ListenerErrorHandler;
  /** Subscribers still waiting for their first `connected`. */
  readonly #greet = new Set<StreamListener<Event | StreamStatusEvent>>();
  #connected = true;
  #reconnectAtMs = 0;
  #dropRemaining = 0;
  #announceDrop = false;

  constructor(onError: ListenerErrorHandler) {
    this.#onError = onError;
    this.#listeners = new ListenerSet(onError);
  }

  /** Adds a subscriber; its `connected` arrives with the next delivery. */
  subscribe(listener: StreamListener<Event | StreamStatusEvent>): Unsubscribe {
    const remove = this.#listeners.add(listener);
    this.#greet.add(listener);
    return () => {
      this.#greet.delete(listener);
      remove();
    };
  }

  /** Drops the connection now; it comes back at `reconnectAtMs` on the clock. */
  disconnect(reconnectAtMs: number, reason: string, receivedAt: Date): void {
    if (this.#connected) this.#listeners.emit({ type: 'disconnected', reason, receivedAt });
    this.#connected = false;
    this.#reconnectAtMs = reconnectAtMs;
  }

  /** Ends an outage now: the next delivery announces `connected`. */
  reconnectNow(nowMs: number): void {
    if (!this.#connected) this.#reconnectAtMs = nowMs;
  }

  /** Loses the next `count` data messages, then announces a gap if asked to. */
  drop(count: number, announced: boolean): void {
    this.#dropRemaining += count;
    this.#announceDrop = announced;
  }

  /** Delivers an event that happened at `exchangeTimeMs`, unless the socket lost it. */
  pass(exchangeTimeMs: number, event: Event, receivedAt: Date): void {
    // Whatever happened while the socket was down never reaches the consumer.
    if (!this.#connected && exchangeTimeMs < this.#reconnectAtMs) return;
    this.settle(exchangeTimeMs, receivedAt);
    if (this.#dropRemaining > 0) {
      this.#dropRemaining -= 1;
      if (this.#dropRemaining === 0 && this.#announceDrop) {
        this.#listeners.emit({
          type: 'gap',
          reason: 'stream messages were dropped (injected fault)',
          receivedAt,
        });
      }
      return;
    }
    this.#listeners.emit(event);
  }

  /** Reconnects when the outage is over at `nowMs`, and greets new subscribers of a live socket. */
  settle(nowMs: number, receivedAt: Date): void {
    if (!this.#connected && nowMs >= this.#reconnectAtMs) {
      this.#connected = true;
      this.#greet.clear();
      this.#listeners.emit({ type: 'connected', receivedAt });
    }
    if (!this.#connected || this.#greet.size === 0) return;
    const waiting = [...this.#greet];
    this.#greet.clear();
    for (const listener of waiting) {
      try {
        listener({ type: 'connected', receivedAt });
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  /** Removes every subscriber. */
  close(): void {
    this.#listeners.clear();
    this.#greet.clear();
  }
}
