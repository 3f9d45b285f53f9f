import type { PrismaClient, SignalMatrix } from '@hookline/db';
import type { LatestMatrixRow } from '@hookline/runtime';
import { checkMatrixRow, type MatrixRow } from '@hookline/schemas';

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
  prisma: PrismaClient,
  symbols: readonly string[],
  options: MatrixReadOptions,
): Promise<Map<string, LatestMatrixRow>> {
  const rows = await Promise.all(
    symbols.map((symbol) =>
      prisma.signalMatrix.findFirst({
        where: { symbol, ...(options.timeframe === undefined ? {} : { timeframe: options.timeframe }) },
        // Rows of one poll share computed_at; the newest candle of them is the latest.
        orderBy: [{ computedAt: 'desc' }, { candleTime: 'desc' }],
      }),
    ),
  );
  const result = new Map<string, LatestMatrixRow>();
  symbols.forEach((symbol, index) => {
    const row = rows[index];
    const value = row === null || row === undefined ? undefined : fromSignalMatrix(row);
    result.set(symbol, checkMatrixRow(value, options.nowMs, options.maxAgeMs));
  });
  return result;
}

/** A stored row in the shape every reader checks (decimals as plain text, times as ISO-8601). */
export function fromSignalMatrix(row: SignalMatrix): MatrixRow {
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
