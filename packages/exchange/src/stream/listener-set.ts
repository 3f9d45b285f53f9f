import type { StreamListener, Unsubscribe } from '../port/stream-events.js';

/** Called when a listener throws, so one bad consumer neither stops the others nor the adapter. */
export type ListenerErrorHandler = (error: unknown) => void;

/**
 * The subscribers of one stream. Adapters (paper now, the WebSocket later) emit into it; a
 * listener that throws is reported and the others still receive the event.
 */
export class ListenerSet<Event> {
  readonly #listeners = new Set<StreamListener<Event>>();
  readonly #onError: ListenerErrorHandler;

  constructor(onError: ListenerErrorHandler = () => {}) {
    this.#onError = onError;
  }

  /** Adds a listener; the returned function removes it (idempotent). */
  add(listener: StreamListener<Event>): Unsubscribe {
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry: StreamListener<Event> = (event) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** How many listeners are subscribed. */
  get size(): number {
    return this.#listeners.size;
  }

  /** Delivers the event to every listener, in subscription order. */
  emit(event: Event): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
