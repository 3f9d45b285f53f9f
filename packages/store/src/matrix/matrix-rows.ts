// sighook's signal matrix in Postgres (table signal_matrix): the history of every row it computed, one
// per (symbol, timeframe, candle). Redis holds only the latest row per symbol; these rows are what a
// reader falls back to when Redis has none (after a Redis restart, or a CLI without REDIS_URL).
import type { Prisma, SignalMatrix } from '@hookline/db';
import type { MatrixRow } from '@hookline/schemas';
import { clientOf, type Store } from '../store.js';

/**
 * Stores one signal_matrix row per (symbol, timeframe, candle); a row already stored (a repeat after a
 * restart, a second replica) is skipped, not overwritten. Returns how many rows were new.
 */
export async function writeMatrixRows(store: Store, rows: readonly MatrixRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { count } = await clientOf(store).signalMatrix.createMany({
    data: rows.map(toSignalMatrixData),
    skipDuplicates: true,
  });
  return count;
}

/** Which newest rows to read. */
export interface NewestMatrixRowsQuery {
  /** Only rows of this timeframe (default: any, the most recently computed wins). */
  readonly timeframe?: string | undefined;
}

/**
 * The newest stored row of each symbol, in the shape every reader checks (decimals as plain text,
 * times as ISO-8601). A symbol without any row is absent from the map. No freshness rule is applied
 * here: the reader decides what is too old.
 */
export async function readNewestMatrixRows(
  store: Store,
  symbols: readonly string[],
  query: NewestMatrixRowsQuery = {},
): Promise<Map<string, MatrixRow>> {
  const prisma = clientOf(store);
  const rows = await Promise.all(
    symbols.map((symbol) =>
      prisma.signalMatrix.findFirst({
        where: { symbol, ...(query.timeframe === undefined ? {} : { timeframe: query.timeframe }) },
        // Rows of one poll share computed_at; the newest candle of them is the latest.
        orderBy: [{ computedAt: 'desc' }, { candleTime: 'desc' }],
      }),
    ),
  );
  const result = new Map<string, MatrixRow>();
  symbols.forEach((symbol, index) => {
    const row = rows[index];
    if (row !== null && row !== undefined) result.set(symbol, fromSignalMatrix(row));
  });
  return result;
}

/** The signal_matrix columns of a row. */
function toSignalMatrixData(row: MatrixRow): Prisma.SignalMatrixCreateManyInput {
  return {
    symbol: row.symbol,
    timeframe: row.timeframe,
    candleTime: new Date(row.candle_time),
    computedAt: new Date(row.computed_at),
    indicators: row.indicators,
    buyScore: row.buy_score,
    sellScore: row.sell_score,
    action: row.action,
    atr: row.atr,
  };
}

/** A stored row in the shape every reader checks. */
function fromSignalMatrix(row: SignalMatrix): MatrixRow {
  return {
    symbol: row.symbol,
    timeframe: row.timeframe,
    candle_time: row.candleTime.toISOString(),
    computed_at: row.computedAt.toISOString(),
    indicators: row.indicators as MatrixRow['indicators'],
    buy_score: row.buyScore.toFixed(),
    sell_score: row.sellScore.toFixed(),
    action: row.action,
    atr: row.atr === null ? null : row.atr.toFixed(),
  };
}
