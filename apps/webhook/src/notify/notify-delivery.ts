// Delivery of trading events (docs/architecture.md "Notifications"): one BullMQ queue per channel on
// the system's Redis, so each channel has its own rate limit (the worker's limiter) and a slow or
// failing channel delays no other. The event id is the job id: the same occurrence published twice
// (a retry, another replica) is sent once while its job is kept (a day). A failed send is retried
// with exponential back-off; one that fails every attempt is counted failed (metrics, /readyz).
import { type Queue as BullQueue, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TradingEvents } from './event-publisher.js';
import { type ChannelName, type NotifyChannel, PermanentSendError } from './notify-channels.js';
import { redactedError } from './notify-redaction.js';
import { NotifyStatus } from './notify-status.js';
import type { NotifyEventKind, TradingEvent } from './trading-event.js';

/** How delivery retries and paces. */
export interface DeliverySettings {
  /** Which kinds are sent. */
  readonly events: readonly NotifyEventKind[];
  /** Messages per minute per channel at most. */
  readonly perMinute: number;
  /** Attempts per message (default 6). */
  readonly attempts?: number;
  /** First retry delay, doubling per attempt (default 5 s: about 2.5 min over 6 attempts). */
  readonly backoffMs?: number;
}

/** What the delivery needs. */
export interface DeliveryOptions {
  readonly redis: Redis;
  /** Redis key prefix of the queues (the account's: jobQueuePrefixOf). */
  readonly prefix: string;
  readonly channels: readonly NotifyChannel[];
  readonly settings: DeliverySettings;
  readonly logger: Logger;
}

/** A kept job id makes a second add of the same event a no-op for a day. */
const KEEP_SECONDS = 24 * 3600;
/** How long close() waits for publishes still being enqueued. */
const CLOSE_WAIT_MS = 5_000;

/** The publisher over the queues, and the workers that send. */
export class NotifyDelivery implements TradingEvents {
  readonly status: NotifyStatus;
  readonly #options: DeliveryOptions;
  readonly #kinds: ReadonlySet<NotifyEventKind>;
  readonly #queues: readonly { channel: NotifyChannel; queue: BullQueue; worker: Worker }[];
  readonly #pending = new Set<Promise<void>>();
  readonly #secrets: readonly string[];

  constructor(options: DeliveryOptions) {
    this.#options = options;
    this.#kinds = new Set(options.settings.events);
    this.#secrets = options.channels.flatMap((channel) => channel.secrets);
    this.status = new NotifyStatus(options.channels.map((channel) => channel.name));
    const { redis, prefix, logger, settings } = options;
    const attempts = settings.attempts ?? 6;
    this.#queues = options.channels.map((channel) => {
      const name = `notify-${channel.name}`;
      const queue = new Queue(name, { connection: redis, prefix });
      const worker = new Worker(
        name,
        async (job) => {
          try {
            await channel.send(job.data as TradingEvent);
          } catch (error) {
            const message = redactedError(error, this.#secrets);
            if (error instanceof PermanentSendError) throw new UnrecoverableError(message);
            throw new Error(message);
          }
        },
        {
          connection: redis,
          prefix,
          concurrency: 1,
          limiter: { max: settings.perMinute, duration: 60_000 },
        },
      );
      worker.on('completed', () => this.status.sent(channel.name));
      worker.on('failed', (job, error) => {
        const final =
          job === undefined || error instanceof UnrecoverableError || job.attemptsMade >= attempts;
        const event = (job?.data as TradingEvent | undefined)?.kind ?? 'unknown';
        logger.warn(
          {
            channel: channel.name,
            event,
            jobId: job?.id,
            attempt: job?.attemptsMade,
            err: { message: error.message },
          },
          final ? 'notification not delivered: gave up' : 'notification not delivered: it is retried',
        );
        if (final)
          this.status.failed(channel.name, { at: new Date().toISOString(), event, error: error.message });
      });
      queue.on('error', (error) =>
        logger.warn(
          { channel: channel.name, err: { message: redactedError(error, this.#secrets) } },
          'notification queue error',
        ),
      );
      worker.on('error', (error) =>
        logger.warn(
          { channel: channel.name, err: { message: redactedError(error, this.#secrets) } },
          'notification worker error',
        ),
      );
      return { channel, queue, worker };
    });
  }

  /** The channels delivered to. */
  channels(): readonly ChannelName[] {
    return this.#queues.map(({ channel }) => channel.name);
  }

  /** The queues (metrics of depth; tests read them). */
  queues(): readonly BullQueue[] {
    return this.#queues.map(({ queue }) => queue);
  }

  publish(event: TradingEvent): void {
    if (!this.#kinds.has(event.kind) || this.#queues.length === 0) return;
    this.#track(this.#enqueue(event));
  }

  publishFrom(build: () => Promise<readonly TradingEvent[]>): void {
    if (this.#queues.length === 0) return;
    this.#track(
      build().then(
        (events) => {
          for (const event of events) this.publish(event);
        },
        (error: unknown) =>
          this.#options.logger.warn({ err: error }, 'notification not built: its reads failed'),
      ),
    );
  }

  /** Waits for every publish so far to be enqueued (or to have failed): tests and shutdown. */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Waits until every worker is connected. */
  async ready(): Promise<void> {
    await Promise.all(this.#queues.map(({ worker }) => worker.waitUntilReady()));
  }

  /** Stops the workers (running sends finish) and the queues; the channels' connections close. */
  async close(): Promise<void> {
    // Enqueues waiting on a Redis that is down would hold the shutdown: wait for them a short while.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.flush(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    await Promise.all(this.#queues.map(({ worker }) => worker.close()));
    await Promise.all(this.#queues.map(({ queue }) => queue.close()));
    for (const { channel } of this.#queues) channel.close?.();
  }

  #track(work: Promise<void>): void {
    const tracked = work.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  async #enqueue(event: TradingEvent): Promise<void> {
    const { settings, logger } = this.#options;
    await Promise.all(
      this.#queues.map(async ({ channel, queue }) => {
        try {
          await queue.add(event.kind, event, {
            jobId: event.id,
            attempts: settings.attempts ?? 6,
            backoff: { type: 'exponential', delay: settings.backoffMs ?? 5_000 },
            removeOnComplete: { age: KEEP_SECONDS },
            removeOnFail: { age: KEEP_SECONDS },
          });
        } catch (error) {
          // Never the trade path's problem: the event is lost for this channel, and said so.
          logger.error(
            {
              channel: channel.name,
              event: event.kind,
              id: event.id,
              err: { message: redactedError(error, this.#secrets) },
            },
            'notification not queued (Redis unavailable?)',
          );
        }
      }),
    );
  }
}
