// `signals` without --candles: the matrix now, as the running services left it. Redis holds the latest
// row per symbol (REDIS_URL); without REDIS_URL the services' Redis is a private one this process
// cannot reach, so the database's newest signal_matrix rows are read instead. Both readers apply the
// freshness rule (HOOKLINE_MATRIX_MAX_AGE_MS) and say why a symbol has no row. While a running
// `start` holds the embedded database, the running webhook's API is asked instead.
import { resolve } from 'node:path';
import { embeddedDatabaseHolder, openDatabase, pgliteDirectory } from '@hookline/db';
import { type LatestMatrixRow, readLatestMatrixRows } from '@hookline/runtime';
import type { Config, MatrixRow, MatrixRowRefusal } from '@hookline/schemas';
import { latestMatrixRowsFromDatabase } from '@hookline/sighook';
import { storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { assertEmbeddedDatabaseExists } from './embedded-database-check.js';
import { matrixFromRunningServer } from './matrix-over-http.js';
import { SignalsUnavailableError } from './signals-unavailable-error.js';

/** A symbol without a usable row, and why. */
export interface MatrixRefusal {
  readonly symbol: string;
  readonly refusal: MatrixRowRefusal;
  readonly detail: string;
}

/** The current matrix of the asked symbols: the usable rows and the refused symbols. */
export interface LiveMatrix {
  readonly source: 'redis' | 'database' | 'the running server';
  readonly rows: readonly MatrixRow[];
  readonly refusals: readonly MatrixRefusal[];
}

/** Reads the latest row of every symbol from Redis (REDIS_URL) or else the configured database. */
export async function liveMatrix(
  config: Config,
  symbols: readonly string[],
  nowMs: number,
): Promise<LiveMatrix> {
  const freshness = { nowMs, maxAgeMs: config.HOOKLINE_MATRIX_MAX_AGE_MS };
  const dataDir = resolve(config.DATA_DIR);
  const holder =
    config.REDIS_URL === undefined && config.DATABASE_URL === undefined
      ? embeddedDatabaseHolder(dataDir)
      : undefined;
  const source =
    config.REDIS_URL !== undefined ? 'redis' : holder !== undefined ? 'the running server' : 'database';
  const latest =
    config.REDIS_URL !== undefined
      ? await fromRedis(config.REDIS_URL, symbols, freshness)
      : holder !== undefined
        ? await matrixFromRunningServer(config, symbols, holder, pgliteDirectory(dataDir))
        : await fromDatabase(config, symbols, freshness);
  const rows: MatrixRow[] = [];
  const refusals: MatrixRefusal[] = [];
  for (const symbol of symbols) {
    const entry = latest.get(symbol) ?? { ok: false, refusal: 'MISSING', detail: 'no matrix row' };
    if (entry.ok) rows.push(entry.row);
    else refusals.push({ symbol, refusal: entry.refusal, detail: entry.detail });
  }
  return { source, rows, refusals };
}

type Freshness = { readonly nowMs: number; readonly maxAgeMs: number };

// One attempt, no reconnect loop: a command must fail fast with the reason, not hang.
async function fromRedis(
  url: string,
  symbols: readonly string[],
  freshness: Freshness,
): Promise<Map<string, LatestMatrixRow>> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED, ...) says more than connect()'s "Connection is closed".
  let socketError: unknown;
  redis.on('error', (error) => {
    socketError = error;
  });
  try {
    await redis.connect();
    return await readLatestMatrixRows(redis, symbols, freshness);
  } catch (error) {
    const reason = text(socketError ?? error);
    throw new SignalsUnavailableError(`cannot read the matrix from Redis at ${redisHost(url)}: ${reason}`, {
      cause: error,
    });
  } finally {
    redis.disconnect();
  }
}

async function fromDatabase(
  config: Config,
  symbols: readonly string[],
  freshness: Freshness,
): Promise<Map<string, LatestMatrixRow>> {
  const dataDir = resolve(config.DATA_DIR);
  if (config.DATABASE_URL === undefined) assertEmbeddedDatabaseExists(dataDir);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
  try {
    // The configured timeframe: rows of an earlier configuration are not "the matrix now".
    const store = storeOf(database, { usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES });
    return await latestMatrixRowsFromDatabase(store, symbols, {
      ...freshness,
      timeframe: config.HOOKLINE_SIGHOOK_TIMEFRAME,
    });
  } catch (error) {
    throw new SignalsUnavailableError(
      `cannot read the matrix from the ${database.kind} database: ${text(error)}`,
      { cause: error },
    );
  } finally {
    await database.close();
  }
}

// Host and port only: the URL may carry a password.
function redisHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'REDIS_URL';
  }
}

function text(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
