// The latest matrix row per symbol in memory: what a backtest publishes at each candle close and the
// sentinel reads, with the same freshness rule (checkMatrixRow) as the Redis rows of the service.
import { checkMatrixRow, type MatrixRow } from '@hookline/schemas';
import type { LatestMatrixRow } from './matrix-redis.js';

/** Reads the latest row of each symbol, or why there is none to use. */
export type MatrixReader = (
  symbols: readonly string[],
  options: { readonly nowMs: number; readonly maxAgeMs: number },
) => Promise<Map<string, LatestMatrixRow>>;

/** Latest rows kept in process; an older candle never replaces a newer one. */
export class MemoryMatrix {
  readonly #rows = new Map<string, MatrixRow>();

  /** Stores `row` as the latest of its symbol. */
  write(row: MatrixRow): void {
    const current = this.#rows.get(row.symbol);
    if (current !== undefined && Date.parse(current.candle_time) > Date.parse(row.candle_time)) return;
    this.#rows.set(row.symbol, row);
  }

  readonly read: MatrixReader = async (symbols, options) =>
    new Map(
      symbols.map((symbol) => [
        symbol,
        checkMatrixRow(this.#rows.get(symbol), options.nowMs, options.maxAgeMs),
      ]),
    );
}
