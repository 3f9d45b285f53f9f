// Fills reach the ledger by two roads: the exchange's user stream (order updates and fills, pushed)
// and a periodic REST backfill after a stored cursor (also after every reconnect or gap). Both go
// through FillRecorder, whose unique key makes the second arrival a no-op. Events are handled one at
// a time, in arrival order (fills of one book are applied in order).
import { isTerminal } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import type { ExchangePort, Fill, StreamFill, Unsubscribe, UserStreamEvent } from '@hookline/exchange';
import type { Logger } from 'pino';
import { applyExchangeOrder } from '../execution/order-rows.js';
import type { RedisFillCursorStore } from './fill-cursor-store.js';
import type { FillRecorder } from './fill-recorder.js';

/** What the consumer needs. */
export interface FillConsumerOptions {
  readonly prisma: PrismaClient;
  readonly exchange: ExchangePort;
  readonly recorder: FillRecorder;
  readonly cursor: Pick<RedisFillCursorStore, 'load' | 'save'>;
  readonly logger: Logger;
  /** Periodic REST backfill; 0 = only on start, reconnect and gap. */
  readonly backfillIntervalMs: number;
}

/** Subscribes to the user stream and runs the REST backfill. */
export class FillConsumer {
  readonly #options: FillConsumerOptions;
  #chain: Promise<void> = Promise.resolve();
  #unsubscribe: Unsubscribe | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: FillConsumerOptions) {
    this.#options = options;
  }

  /** Subscribes, backfills once, and starts the periodic backfill. */
  start(): void {
    this.#unsubscribe = this.#options.exchange.subscribeUserEvents((event) =>
      this.#enqueue(() => this.#handle(event)),
    );
    this.requestBackfill();
    if (this.#options.backfillIntervalMs > 0) {
      this.#timer = setInterval(() => this.requestBackfill(), this.#options.backfillIntervalMs);
      this.#timer.unref();
    }
  }

  /** Queues a REST backfill after the work already queued. */
  requestBackfill(): void {
    this.#enqueue(() => this.backfill());
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
    this.#unsubscribe?.();
    if (this.#timer !== undefined) clearInterval(this.#timer);
    await this.idle();
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
    switch (event.type) {
      case 'order':
        await applyExchangeOrder(this.#options.prisma, event.order, this.#options.logger);
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
    const { prisma, exchange, logger } = this.#options;
    const orderIds = [...new Set(fills.map((fill) => fill.orderId))];
    for (const orderId of orderIds) {
      const row = await prisma.tradeRecord.findFirst({ where: { orderId, exchange: exchange.name } });
      if (row === null || isTerminal(row.status) || row.trigger === 'RECONCILED') continue;
      const order = await exchange.fetchOrder({ orderId, symbol: row.symbol });
      await applyExchangeOrder(prisma, order, logger);
    }
  }
}
