// One venue connection shared by every subscriber: opened on the first subscription, closed when the
// last one leaves (or on close()). Used by the Coinbase and Kraken private streams.
import type { Unsubscribe } from '../port/stream-events.js';

/** What a shared stream needs of the connection it owns. */
export interface ClosableStream<Listener> {
  subscribe(listener: Listener): Unsubscribe;
  close(): void;
}

export class SharedStream<Listener, Stream extends ClosableStream<Listener>> {
  readonly #open: () => Stream;
  #current: { stream: Stream; subscribers: number } | undefined;

  constructor(open: () => Stream) {
    this.#open = open;
  }

  /** The open connection, if any subscriber holds it. */
  get stream(): Stream | undefined {
    return this.#current?.stream;
  }

  subscribe(listener: Listener): Unsubscribe {
    this.#current ??= { stream: this.#open(), subscribers: 0 };
    const current = this.#current;
    current.subscribers += 1;
    const remove = current.stream.subscribe(listener);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      remove();
      current.subscribers -= 1;
      if (current.subscribers === 0 && this.#current === current) {
        current.stream.close();
        this.#current = undefined;
      }
    };
  }

  close(): void {
    this.#current?.stream.close();
    this.#current = undefined;
  }
}
