// How an entry waits while the start-up reconciliation is pending: in short pauses, re-reading the
// controls after each (the processor's loop owns the deadline, on the injected clock). The pauses are
// real time: they only space the polls, they decide nothing.

/** One pause between two looks at the controls. */
export const ENTRY_PAUSE_MS = 200;

/** Raised in a waiting entry when the system stops: the job fails this attempt and is retried later. */
export class EntryWaitStoppedError extends Error {
  override readonly name = 'EntryWaitStoppedError';
  constructor() {
    super('the service is stopping while the entry waits for the start-up reconciliation; it is retried');
  }
}

/** A pause that nothing can cut short (a system that never holds entries). */
export function pauseBriefly(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ENTRY_PAUSE_MS));
}

/** Pauses that close() ends at once, each rejecting with EntryWaitStoppedError (and every later one). */
export class EntryPauses {
  readonly #pauseMs: number;
  readonly #pending = new Set<() => void>();
  #closed = false;

  constructor(pauseMs = ENTRY_PAUSE_MS) {
    this.#pauseMs = pauseMs;
  }

  /** Resolves after one pause; rejects at once when closed. */
  pause(): Promise<void> {
    if (this.#closed) return Promise.reject(new EntryWaitStoppedError());
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        reject(new EntryWaitStoppedError());
      };
      const timer = setTimeout(() => {
        this.#pending.delete(stop);
        resolve();
      }, this.#pauseMs);
      this.#pending.add(stop);
    });
  }

  /** Ends every pause now and refuses new ones. */
  close(): void {
    this.#closed = true;
    for (const stop of this.#pending) stop();
    this.#pending.clear();
  }
}
