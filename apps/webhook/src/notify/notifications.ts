// The notifications of one webhook system, built from the configuration: the channels, their
// delivery queues, the circuit watch and the daily summary. Without a channel it is off (events go
// nowhere and nothing runs).
import type { Clock } from '@hookline/core';
import type { ExchangePort } from '@hookline/exchange';
import type { ReadinessCheck } from '@hookline/runtime';
import { type Config, jobQueuePrefixOf } from '@hookline/schemas';
import type { Store } from '@hookline/store';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CircuitWatch } from './circuit-watch.js';
import { DailySummary } from './daily-summary.js';
import { noTradingEvents, type TradingEvents } from './event-publisher.js';
import { type NotifyChannel, notifyChannelsFromConfig } from './notify-channels.js';
import { type DeliverySettings, NotifyDelivery } from './notify-delivery.js';
import type { NotifyStatus } from './notify-status.js';

/** How often the breakers are read for a change. */
const CIRCUIT_WATCH_MS = 1_000;

/** The running notifications. */
export interface Notifications {
  /** The publisher trading code calls. */
  readonly events: TradingEvents;
  /** Deliveries per channel (undefined when no channel is configured). */
  readonly status: NotifyStatus | undefined;
  readonly readiness: readonly ReadinessCheck[];
  /** The delivery (tests flush it); undefined when off. */
  readonly delivery: NotifyDelivery | undefined;
  start(): void;
  stop(): Promise<void>;
}

/** What the notifications are built from. */
export interface NotificationsOptions {
  readonly config: Config;
  readonly redis: Redis;
  /** Base Redis key prefix; the delivery queues live under the account's (jobQueuePrefixOf). */
  readonly prefix: string;
  readonly store: Store;
  readonly exchange: ExchangePort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly account: string;
  /** Delivery settings over the configuration's (tests: fewer attempts, shorter back-off). */
  readonly settings?: Partial<DeliverySettings>;
  /** Channels instead of the configuration's. */
  readonly channels?: readonly NotifyChannel[];
}

/** Builds the notifications; nothing is sent before start() except what trading publishes. */
export function buildNotifications(options: NotificationsOptions): Notifications {
  const { config, clock } = options;
  const channels = options.channels ?? notifyChannelsFromConfig(config);
  const logger = options.logger.child({ component: 'notify' });
  if (channels.length === 0) {
    return {
      events: noTradingEvents,
      status: undefined,
      readiness: [],
      delivery: undefined,
      start: () => undefined,
      stop: async () => undefined,
    };
  }
  const delivery = new NotifyDelivery({
    redis: options.redis,
    // The account's own queues: another account's deployment (other channels, other secrets) on the
    // same Redis never sends this account's events.
    prefix: jobQueuePrefixOf(options.account, options.prefix),
    channels,
    logger,
    settings: {
      events: config.HOOKLINE_NOTIFY_EVENTS,
      perMinute: config.HOOKLINE_NOTIFY_RATE_PER_MINUTE,
      ...options.settings,
    },
  });
  const circuits = new CircuitWatch(options.exchange, delivery, clock);
  const hour = config.HOOKLINE_NOTIFY_SUMMARY_HOUR_UTC;
  const summary =
    hour === 'off'
      ? undefined
      : new DailySummary({
          store: options.store,
          account: options.account,
          hourUtc: hour,
          clock,
          events: delivery,
        });
  logger.info({ channels: delivery.channels(), events: config.HOOKLINE_NOTIFY_EVENTS }, 'notifications on');
  return {
    events: delivery,
    status: delivery.status,
    readiness: [delivery.status.readiness()],
    delivery,
    start: () => {
      circuits.start(CIRCUIT_WATCH_MS);
      summary?.start();
    },
    stop: async () => {
      circuits.stop();
      summary?.stop();
      await delivery.close();
    },
  };
}
