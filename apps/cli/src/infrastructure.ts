import { type Clock, HooklineError, SystemClock } from '@hookline/core';
import type { Database } from '@hookline/db';
import { CcxtExchange, candleTimeframeMs, type ExchangePort, startTicking } from '@hookline/exchange';
import { type LocalRedis, ReadinessRegistry, startLocalRedis } from '@hookline/runtime';
import { type Config, tradingAccountOf } from '@hookline/schemas';
import { registerAccount, storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { openConfiguredDatabase } from './database-access.js';
import { openPaperExchange } from './paper-exchange-setup.js';

/** The process's shared resources; close() releases them in reverse order of opening. */
export interface Infrastructure {
  readonly clock: Clock;
  readonly database: Database;
  readonly redis: Redis;
  readonly readiness: ReadinessRegistry;
  /** The exchange: the paper exchange (MODE=paper) or the live ccxt adapter. */
  readonly exchange: ExchangePort;
  close(): Promise<void>;
}

/** How the infrastructure is opened. */
export interface InfrastructureOptions {
  /**
   * Paper mode only: read the paper state in DATA_DIR but never write it. sighook alone uses only the
   * paper market's public data; the state file belongs to the webhook process's paper exchange.
   */
  readonly paperStateReadOnly?: boolean;
}

/**
 * Opens the database (a server at DATABASE_URL, or embedded PGlite in DATA_DIR, migrated first when
 * HOOKLINE_AUTO_MIGRATE) and Redis (REDIS_URL, or a private redis-server this process owns).
 */
export async function openInfrastructure(
  config: Config,
  logger: Logger,
  options: InfrastructureOptions = {},
): Promise<Infrastructure> {
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      await close().catch((error: unknown) => logger.error({ err: error }, 'error while closing'));
    }
  };
  try {
    const database = await openConfiguredDatabase(config, (applied) =>
      logger.info({ applied, dataDir: config.DATA_DIR }, 'embedded database migrated'),
    );
    closers.push(() => database.close());
    // Refused before anything else opens when the account was recorded with the other mode.
    const account = await registerAccount(storeOf(database), {
      name: tradingAccountOf(config),
      mode: config.MODE,
      exchange: config.MODE === 'paper' ? 'paper' : config.EXCHANGE,
    });
    logger.info({ account: account.name, mode: account.mode }, 'account registered');
    let privateRedis: LocalRedis | undefined;
    if (!config.REDIS_URL) {
      privateRedis = await startLocalRedis();
      closers.push(() => privateRedis?.stop() ?? Promise.resolve());
      logger.info({ port: privateRedis.port, pid: privateRedis.pid }, 'private redis-server started');
    }
    const redis = new Redis(config.REDIS_URL ?? privateRedis?.url ?? '', { maxRetriesPerRequest: null });
    redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
    closers.push(async () => {
      await redis.quit();
    });
    const readiness = new ReadinessRegistry();
    readiness.register({
      name: 'database',
      run: async () => {
        await database.ping();
        return { ok: true, detail: { kind: database.kind } };
      },
    });
    readiness.register({ name: 'redis', run: async () => ({ ok: (await redis.ping()) === 'PONG' }) });
    const clock = new SystemClock();
    const paper =
      config.MODE === 'paper'
        ? openPaperExchange(config, clock, logger, {
            stateReadOnly: options.paperStateReadOnly === true,
            historyMinutes: paperHistoryMinutes(config),
          })
        : undefined;
    const exchange = paper?.exchange ?? openLiveExchange(config, clock);
    closers.push(() => paper?.close() ?? exchange.close());
    if (paper !== undefined) {
      if (paper.readiness !== undefined) readiness.register(paper.readiness);
      await paper.firstRead();
      const stopTicking = startTicking(paper.exchange);
      closers.push(async () => stopTicking());
    }
    logger.info({ exchange: exchange.name, mode: config.MODE }, 'exchange opened');
    return { clock, database, redis, readiness, exchange, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The paper market keeps this many one-minute candles per symbol (CandleHistory's limit). */
const PAPER_HISTORY_MAX_MINUTES = 10_000;

/**
 * Minutes of seeded candle history a new paper account starts with: enough for sighook's cold start
 * (HOOKLINE_SIGHOOK_HISTORY_CANDLES of HOOKLINE_SIGHOOK_TIMEFRAME, plus one candle in case a minute
 * closes while the services start), so the matrix is warm at once instead of after hours. Capped at
 * what the paper market keeps; long timeframes then get fewer candles than asked for.
 */
export function paperHistoryMinutes(config: Config): number {
  const timeframeMinutes = candleTimeframeMs[config.HOOKLINE_SIGHOOK_TIMEFRAME] / 60_000;
  const wanted = (config.HOOKLINE_SIGHOOK_HISTORY_CANDLES + 1) * timeframeMinutes;
  return Math.min(wanted, PAPER_HISTORY_MAX_MINUTES);
}

/**
 * The live exchange: the ccxt adapter for EXCHANGE with its keys and optional URL overrides (paper
 * mode's exchange is opened by openPaperExchange). `ledger sync` reads fill history through it too.
 */
export function openLiveExchange(config: Config, clock: Clock): CcxtExchange {
  if (config.EXCHANGE_API_KEY === undefined || config.EXCHANGE_API_SECRET === undefined) {
    throw new HooklineError('CONFIG_INVALID', 'MODE=live needs EXCHANGE_API_KEY and EXCHANGE_API_SECRET');
  }
  const urls = {
    ...(config.EXCHANGE_REST_URL === undefined ? {} : { rest: config.EXCHANGE_REST_URL }),
    ...(config.EXCHANGE_WS_URL === undefined ? {} : { ws: config.EXCHANGE_WS_URL }),
    ...(config.EXCHANGE_WS_USER_URL === undefined ? {} : { wsUser: config.EXCHANGE_WS_USER_URL }),
  };
  return new CcxtExchange({
    venue: config.EXCHANGE,
    clock,
    apiKey: config.EXCHANGE_API_KEY,
    secret: config.EXCHANGE_API_SECRET,
    urls,
    sandbox: config.HOOKLINE_SANDBOX,
  });
}
