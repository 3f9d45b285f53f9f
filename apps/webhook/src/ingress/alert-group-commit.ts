// Group commit of the alerts rows: concurrent requests' inserts go to the database together, in one
// statement (one transaction), and each request waits for its own row's outcome, so every answer still
// follows its row's commit. Batching is natural: a request arriving while the database is idle is
// sent at once (after the I/O of the same event-loop turn, so requests read together go together, but
// never after a timer); those arriving while a batch is on its way wait for it to finish and go
// together next, and a batch that reaches the maximum size goes at once without waiting.
import { isInfrastructureError } from '@hookline/runtime';
import type {
  AlertBatchStorePort,
  AlertRow,
  AlertStorePort,
  AlertWrite,
  InsertOutcome,
  PreviousKey,
} from './alert-store.js';

/** Rows per statement at most (a burst beyond it goes as several statements). */
export const ALERT_BATCH_MAX_ROWS = 256;

interface Waiter {
  readonly write: AlertWrite;
  resolve(outcome: InsertOutcome): void;
  reject(error: unknown): void;
}

/**
 * The ingress's AlertStorePort over a batch store. When a batch's statement fails:
 * - the database or the network down (isInfrastructureError): every request of the batch gets that
 *   error, answered 503 as a single row's insert would be, and none of its rows is stored (going row
 *   by row would only meet the outage once per row);
 * - anything else (a row the table refuses): the batch's rows go again one by one, so each request
 *   gets its own outcome and one bad row never fails its neighbours.
 */
export class AlertGroupCommit implements AlertStorePort {
  readonly #store: AlertBatchStorePort;
  readonly #maxRows: number;
  #waiting: Waiter[] = [];
  #scheduled = false;
  #inFlight = 0;

  constructor(store: AlertBatchStorePort, options: { readonly maxRows?: number } = {}) {
    const maxRows = options.maxRows ?? ALERT_BATCH_MAX_ROWS;
    if (!Number.isInteger(maxRows) || maxRows < 1) {
      throw new RangeError(`a batch must hold a whole number of rows from 1, got ${maxRows}`);
    }
    this.#store = store;
    this.#maxRows = maxRows;
  }

  insertUnlessKeyExists(row: AlertRow, previous?: PreviousKey): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ write: previous === undefined ? { row } : { row, previous }, resolve, reject });
      if (this.#waiting.length >= this.#maxRows) this.#send(this.#waiting.splice(0, this.#maxRows));
      else if (this.#inFlight === 0 && !this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          if (this.#inFlight === 0) this.#sendWaiting();
        });
      }
    });
  }

  // Rejections and duplicates carry a fresh key (their own id), so a key already held is a bug.
  async insert(row: AlertRow): Promise<void> {
    const outcome = await this.insertUnlessKeyExists(row);
    if (!outcome.inserted) {
      throw new Error(
        `the alerts key ${row.idempotencyKey} of a new row is already held by ${outcome.existingId}`,
      );
    }
  }

  #sendWaiting(): void {
    if (this.#waiting.length > 0) this.#send(this.#waiting.splice(0, this.#maxRows));
  }

  #send(batch: Waiter[]): void {
    this.#inFlight += 1;
    void this.#commit(batch).finally(() => {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) this.#sendWaiting();
    });
  }

  async #commit(batch: readonly Waiter[]): Promise<void> {
    let outcomes: Awaited<ReturnType<AlertBatchStorePort['insertBatch']>>;
    try {
      outcomes = await this.#store.insertBatch(batch.map((waiter) => waiter.write));
    } catch (error) {
      if (batch.length === 1 || isInfrastructureError(error)) {
        for (const waiter of batch) waiter.reject(error);
        return;
      }
      for (const waiter of batch) await this.#commit([waiter]);
      return;
    }
    batch.forEach((waiter, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined)
        waiter.reject(new Error('the batch insert answered fewer rows than it was given'));
      else if (outcome instanceof Error) waiter.reject(outcome);
      else waiter.resolve(outcome);
    });
  }
}
