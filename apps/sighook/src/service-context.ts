import type { Clock, IdGenerator } from '@hookline/core';
import type { Database } from '@hookline/db';
import type { ExchangePort } from '@hookline/exchange';
import type { ReadinessRegistry } from '@hookline/runtime';
import type { Config } from '@hookline/schemas';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** What the process gives the sighook service: configuration and the shared infrastructure. */
export interface SighookServiceContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly database: Database;
  readonly redis: Redis;
  readonly readiness: ReadinessRegistry;
  /**
   * Where candles and the market list come from. sighook uses only public market data (markets,
   * candles), never balances or orders: in `both` mode it is the webhook's exchange itself.
   */
  readonly exchange: ExchangePort;
  /** True when sighook runs alone and must serve its own /healthz and /readyz. */
  readonly ownHealthServer: boolean;
  readonly servicesInProcess: readonly string[];
  /** Redis key prefix of the matrix and the job queues (default `hookline`; tests use a fresh one). */
  readonly keyPrefix?: string;
  /** Ids of the entry alerts' rows (default: UUIDv7 on the context's clock). */
  readonly ids?: IdGenerator;
}
