import type { Clock } from '@hookline/core';
import type { Database } from '@hookline/db';
import type { ExchangePort } from '@hookline/exchange';
import type { ReadinessRegistry } from '@hookline/runtime';
import type { Config } from '@hookline/schemas';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** What the process gives the webhook service: configuration and the shared infrastructure. */
export interface WebhookServiceContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly database: Database;
  readonly redis: Redis;
  readonly readiness: ReadinessRegistry;
  /** The exchange orders go to (paper by default). */
  readonly exchange: ExchangePort;
  /** Every service running in this process (reported by /healthz). */
  readonly servicesInProcess: readonly string[];
}
