import type { Clock } from '@hookline/core';
import type { Database } from '@hookline/db';
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
  /** True when sighook runs alone and must serve its own /healthz and /readyz. */
  readonly ownHealthServer: boolean;
  readonly servicesInProcess: readonly string[];
}
