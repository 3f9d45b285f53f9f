// Fills reach the ledger by two roads: the exchange's user stream (order updates and fills, pushed)
// and a periodic REST backfill after a stored cursor (also after every reconnect or gap). Both go
// through FillRecorder, whose unique key makes the second arrival a no-op. Events are handled one at
// a time, in arrival order (fills of one book are applied in order). With a lease, only the replica
// holding the (account, exchange) lease subscribes and backfills; the others try to take the lease
// every leaseRetryMs, and the holder renews it on the same beat (a lost renewal means stepping down).
import { isTerminal } from '@hookline/core';
import type { ExchangePort, Fill, StreamFill, Unsubscribe, UserStreamEvent } from '@hookline/exchange';
import { findOrderByExchangeOrderId, type Store } from '@hookline/store';
import type { Logger } from 'pino';
import { applyExchangeOrder } from '../execution/exchange-order.js';
import type { Lease } from '../leases/redis-lease.js';
import type { RedisFillCursorStore } from './fill-cursor-store.js';
import type { FillRecorder } from './fill-recorder.js';

/** What the consumer needs. */
export interface FillConsumerOptions {
  readonly store: Store;
  readonly exchange: ExchangePort;
  readonly recorder: FillRecorder;
  readonly cursor: Pick<RedisFillCursorStore, 'load' | 'save'>;
  readonly logger: Logger;
  /** Periodic REST backfill; 0 = only on start, reconnect and gap. */
  readonly backfillIntervalMs: number;
  /** One consumer per (account, exchange) across replicas; without it this consumer always consumes. */
  readonly lease?: Lease;
  /** How often the lease is renewed (holder) or tried (others); a third of its TTL. Default 10 s. */
  readonly leaseRetryMs?: number;
}

/** The user stream as this replica sees it. */
export interface FillStreamStatus {
  /** False on a replica that does not hold the fill lease (another one consumes). */
  readonly consuming: boolean;
  /** The last connect or disconnect; undefined until the first one after subscribing. */
  readonly stream:
    | { readonly connected: boolean; readonly since: Date; readonly reason: string | undefined }
    | undefined;
}

/** Subscribes to the user stream and runs the REST backfill. */
export class FillConsumer {
  readonly #options: FillConsumerOptions;
  #chain: Promise<void> = Promise.resolve();
  #unsubscribe: Unsubscribe | undefined;
  #timer: NodeJS.Timeout | undefined;
  #leaseTimer: NodeJS.Timeout | undefined;
  #leaseCheck: Promise<void> | undefined;
  #holding = false;
  #stopped = false;
  #stream: FillStreamStatus['stream'];

  constructor(options: FillConsumerOptions) {
    this.#options = options;
  }

  /**
   * Without a lease: subscribes, backfills once, and starts the periodic backfill. With one: does so
   * once it holds the lease (tried now, then every leaseRetryMs).
   */
  start(): void {
    const { lease } = this.#options;
    if (lease === undefined) {
      this.#consume();
      return;
    }
    // The first check is queued (idle() waits for it); the periodic ones run beside the queue, so a
    // long backfill never delays a renewal past the lease's expiry.
    this.#enqueue(() => this.#checkLease(lease));
    this.#leaseTimer = setInterval(() => {
      this.#checkLease(lease).catch((error: unknown) =>
        this.#options.logger.warn({ err: error }, 'fill consumer lease check failed'),
      );
    }, this.#options.leaseRetryMs ?? 10_000);
    this.#leaseTimer.unref();
  }

  /** Whether this replica consumes the user stream, and the stream's last connect/disconnect. */
  streamStatus(): FillStreamStatus {
    return { consuming: this.#holding, stream: this.#stream };
  }

  /** True while this consumer subscribes and backfills (always, without a lease). */
  isConsuming(): boolean {
    return this.#holding;
  }

  /** Queues a REST backfill after the work already queued (only while consuming). */
  requestBackfill(): void {
    this.#enqueue(async () => {
      if (this.#holding) await this.backfill();
    });
  }

  /** Resolves when everything queued so far is done (tests). */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.#chain;
      await seen;
    } while (seen !== this.#chain);
  }

  /** Unsubscribes, stops the timer and finishes the queued work. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#leaseTimer !== undefined) clearInterval(this.#leaseTimer);
    this.#stopConsuming();
    await this.#leaseCheck?.catch(() => undefined);
    await this.idle();
    await this.#options.lease?.release();
  }

  // The holder renews; the others try to take the lease. A failed renewal steps down at once.
  #checkLease(lease: Lease): Promise<void> {
    this.#leaseCheck ??= this.#renewOrTake(lease).finally(() => {
      this.#leaseCheck = undefined;
    });
    return this.#leaseCheck;
  }

  async #renewOrTake(lease: Lease): Promise<void> {
    if (this.#stopped) return;
    const held = this.#holding ? await lease.renew() : await lease.acquire();
    if (this.#stopped) return; // stop() releases the lease after this check
    if (held && !this.#holding) {
      this.#options.logger.info('fill consumer lease taken: consuming the user stream');
      this.#consume();
    } else if (!held && this.#holding) {
      this.#options.logger.warn('fill consumer lease lost: another replica consumes the user stream');
      this.#stopConsuming();
    }
  }

  #consume(): void {
    this.#holding = true;
    this.#stream = undefined;
    this.#unsubscribe = this.#options.exchange.subscribeUserEvents((event) => {
      // Noted on arrival, not when the queue gets to it: readiness must not lag behind a backfill.
      if (event.type === 'connected' || event.type === 'disconnected') {
        this.#stream = {
          connected: event.type === 'connected',
          since: event.receivedAt,
          reason: event.type === 'disconnected' ? event.reason : undefined,
        };
      }
      this.#enqueue(() => this.#handle(event));
    });
    this.requestBackfill();
    if (this.#options.backfillIntervalMs > 0) {
      this.#timer = setInterval(() => this.requestBackfill(), this.#options.backfillIntervalMs);
      this.#timer.unref();
    }
  }

  #stopConsuming(): void {
    this.#holding = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Reads every fill after the stored cursor, records it, then advances the cursor. */
  async backfill(): Promise<number> {
    const { exchange, cursor, recorder } = this.#options;
    let recorded = 0;
    let position = await cursor.load();
    const touched: Fill[] = [];
    for (;;) {
      const page = await exchange.fetchFillsSince(position === undefined ? {} : { cursor: position });
      if (page.fills.length > 0) {
        recorded += (await recorder.record(page.fills, 'REST')).inserted;
        touched.push(...page.fills);
      }
      if (page.nextCursor !== position) await cursor.save(page.nextCursor);
      position = page.nextCursor;
      if (!page.hasMore || page.fills.length === 0) break;
    }
    await this.#refreshOrders(touched);
    return recorded;
  }

  #enqueue(work: () => Promise<unknown>): void {
    if (this.#stopped) return;
    this.#chain = this.#chain.then(work).then(
      () => undefined,
      (error: unknown) => this.#options.logger.error({ err: error }, 'fill consumer step failed'),
    );
  }

  async #handle(event: UserStreamEvent): Promise<void> {
    if (!this.#holding) return; // queued before the lease was lost: the new holder backfills
    switch (event.type) {
      case 'order':
        await applyExchangeOrder(this.#options.store, event.order, this.#options.logger);
        return;
      case 'fill':
        return await this.#streamFill(event.fill);
      case 'connected':
      case 'gap':
        // Anything may have been missed: the REST history is the source of truth.
        return void (await this.backfill());
      case 'disconnected':
        this.#options.logger.warn({ reason: event.reason }, 'user stream disconnected');
        return;
    }
  }

  // A stream fill without a trade id (Coinbase's user channel) cannot be keyed like the REST fill
  // it will become, so it only triggers a backfill; recording it would count it twice.
  async #streamFill(fill: StreamFill): Promise<void> {
    if (fill.tradeId === undefined) {
      await this.backfill();
      return;
    }
    await this.#options.recorder.record([{ ...fill, tradeId: fill.tradeId }], 'WEBSOCKET');
  }

  // An order update may have been lost with the stream: re-read our orders that fills touched.
  async #refreshOrders(fills: readonly Fill[]): Promise<void> {
    const { store, exchange, logger } = this.#options;
    const orderIds = [...new Set(fills.map((fill) => fill.orderId))];
    for (const orderId of orderIds) {
      const row = await findOrderByExchangeOrderId(store, exchange.name, orderId);
      if (row === null || isTerminal(row.status) || row.trigger === 'RECONCILED') continue;
      const order = await exchange.fetchOrder({ orderId, symbol: row.symbol });
      await applyExchangeOrder(store, order, logger);
    }
  }
}
