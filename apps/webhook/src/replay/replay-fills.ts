import { isTerminal } from '@hookline/core';
import type { ExchangePort, Fill, FillCursor } from '@hookline/exchange';
import { findOrderByExchangeOrderId, type Store } from '@hookline/store';
import type { Logger } from 'pino';
import { applyExchangeOrder } from '../execution/exchange-order.js';
import type { FillRecorder } from '../fills/fill-recorder.js';

/** What the replay's fill sync reads from and writes to. */
export interface ReplayFillSyncOptions {
  readonly store: Store;
  readonly exchange: ExchangePort;
  readonly recorder: FillRecorder;
  readonly logger: Logger;
}

/**
 * Moves the paper venue's new fills into the ledger through the real recorder (the REST backfill
 * path), page by page, so positions and exits see them before the next sweep. Like the live fill
 * consumer's backfill, it then re-reads the orders those fills touched: the replay has no user
 * stream, and without this a resting exit LIMIT that filled would look open until its timeout.
 */
export class ReplayFillSync {
  readonly #options: ReplayFillSyncOptions;
  #cursor: FillCursor | undefined;

  constructor(options: ReplayFillSyncOptions) {
    this.#options = options;
  }

  /** Records every fill since the last call and refreshes their orders; returns how many were new. */
  async sync(): Promise<number> {
    const { exchange, recorder } = this.#options;
    const touched: Fill[] = [];
    for (;;) {
      const page = await exchange.fetchFillsSince(this.#cursor === undefined ? {} : { cursor: this.#cursor });
      if (page.fills.length > 0) {
        await recorder.record(page.fills, 'REST');
        touched.push(...page.fills);
      }
      this.#cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    await this.#refreshOrders(touched);
    return touched.length;
  }

  async #refreshOrders(fills: readonly Fill[]): Promise<void> {
    const { store, exchange, logger } = this.#options;
    for (const orderId of new Set(fills.map((fill) => fill.orderId))) {
      const row = await findOrderByExchangeOrderId(store, exchange.name, orderId);
      if (row === null || isTerminal(row.status) || row.trigger === 'RECONCILED') continue;
      await applyExchangeOrder(store, await exchange.fetchOrder({ orderId, symbol: row.symbol }), logger);
    }
  }
}
