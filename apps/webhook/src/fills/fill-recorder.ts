// Exchange fills into the ledger through its one write path (recordFills). Fills of our orders are
// linked to the intent row first: the row gets the exchange order id if the ack never reached us
// (unknown outcome), so recordFills finds it instead of creating a RECONCILED row.
import type { Clock } from '@hookline/core';
import type { Fill } from '@hookline/exchange';
import type { LedgerOptions } from '@hookline/ledger';
import { type RecordFillsResult, recordExchangeFillPage, type Store } from '@hookline/store';
import type { TradingEvents } from '../notify/event-publisher.js';
import { fillEvent } from '../notify/trading-event.js';

/** Where recorded fills belong. */
export interface FillRecorderOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly account: string;
  /** The exchange name on the rows (ExchangePort.name). */
  readonly exchange: string;
  readonly ledger: LedgerOptions;
  /** Where recorded fills are told (default: nowhere); a fill's event id is its trade id. */
  readonly events?: TradingEvents;
}

/** Records exchange fills exactly once (the fills unique key makes a replay a no-op). */
export class FillRecorder {
  readonly #options: FillRecorderOptions;
  #writes = 0;

  constructor(options: FillRecorderOptions) {
    this.#options = options;
  }

  /**
   * How many pages this recorder has written (or tried to): where nothing else writes the account (a
   * backtest's own database), its ledger changes only when this count does.
   */
  get writes(): number {
    return this.#writes;
  }

  /** Stores the fills, their allocations and their orders' aggregates in one transaction. */
  async record(fills: readonly Fill[], via: 'WEBSOCKET' | 'REST'): Promise<RecordFillsResult> {
    const { store, account, exchange, clock } = this.#options;
    const result = await recordExchangeFillPage(store, { account, exchange }, fills, {
      receivedAt: clock.now(),
      via,
      unknownOrderOrigin: 'RECONCILED',
      ledger: this.#options.ledger,
    }).finally(() => {
      this.#writes += 1;
    });
    if (result.inserted > 0) {
      for (const fill of fills) this.#options.events?.publish(fillEvent({ ...fill, exchange }));
    }
    return result;
  }
}
