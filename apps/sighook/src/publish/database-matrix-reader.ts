import type { LatestMatrixRow } from '@hookline/runtime';
import { checkMatrixRow } from '@hookline/schemas';
import { readNewestMatrixRows, type Store } from '@hookline/store';

/** How the latest rows are read: the freshness rule's inputs and, optionally, one timeframe. */
export interface MatrixReadOptions {
  readonly nowMs: number;
  readonly maxAgeMs: number;
  /** Only rows of this timeframe (default: any, the most recently computed wins). */
  readonly timeframe?: string;
}

/**
 * The latest `signal_matrix` row of each symbol (for when Redis has none: after a Redis restart),
 * under the same freshness rule as the Redis reader: missing, malformed or stale rows are refused.
 */
export async function latestMatrixRowsFromDatabase(
  store: Store,
  symbols: readonly string[],
  options: MatrixReadOptions,
): Promise<Map<string, LatestMatrixRow>> {
  const rows = await readNewestMatrixRows(store, symbols, { timeframe: options.timeframe });
  const result = new Map<string, LatestMatrixRow>();
  for (const symbol of symbols) {
    result.set(symbol, checkMatrixRow(rows.get(symbol), options.nowMs, options.maxAgeMs));
  }
  return result;
}
