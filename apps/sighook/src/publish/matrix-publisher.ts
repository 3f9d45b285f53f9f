import { writeLatestMatrixRow } from '@hookline/runtime';
import type { MatrixRow } from '@hookline/schemas';
import { type Store, writeMatrixRows } from '@hookline/store';
import type { Redis } from 'ioredis';

/** Where rows go: Postgres (history) and Redis (the latest row per symbol, and its update message). */
export interface MatrixPublisherOptions {
  readonly store: Store;
  readonly redis: Redis;
  /** Redis key prefix of the matrix hash and channel (default `hookline`). */
  readonly prefix?: string;
}

/**
 * Publishes matrix rows: first one `signal_matrix` row per (symbol, timeframe, candle) in Postgres (a
 * repeat, e.g. after a restart, is a no-op), then the newest row of each symbol to Redis. Postgres
 * first, so a reader that finds a row in Redis can always find its history.
 */
export class MatrixPublisher {
  readonly #options: MatrixPublisherOptions;

  constructor(options: MatrixPublisherOptions) {
    this.#options = options;
  }

  /** Stores the rows; returns how many were new in Postgres. */
  async publish(rows: readonly MatrixRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const count = await writeMatrixRows(this.#options.store, rows);
    for (const row of newestPerSymbol(rows)) {
      await writeLatestMatrixRow(this.#options.redis, row, this.#options.prefix);
    }
    return count;
  }
}

function newestPerSymbol(rows: readonly MatrixRow[]): MatrixRow[] {
  const newest = new Map<string, MatrixRow>();
  for (const row of rows) {
    const current = newest.get(row.symbol);
    if (current === undefined || Date.parse(current.candle_time) < Date.parse(row.candle_time)) {
      newest.set(row.symbol, row);
    }
  }
  return [...newest.values()];
}
