import type { ExchangePort, FillCursor } from '@hookline/exchange';
import type { FillRecorder } from '../fills/fill-recorder.js';

/**
 * Moves the paper venue's new fills into the ledger through the real recorder (the REST backfill
 * path), page by page, so positions and exits see them before the next sweep.
 */
export class ReplayFillSync {
  readonly #exchange: ExchangePort;
  readonly #recorder: FillRecorder;
  #cursor: FillCursor | undefined;

  constructor(exchange: ExchangePort, recorder: FillRecorder) {
    this.#exchange = exchange;
    this.#recorder = recorder;
  }

  /** Records every fill since the last call; returns how many were new. */
  async sync(): Promise<number> {
    let recorded = 0;
    for (;;) {
      const page = await this.#exchange.fetchFillsSince(
        this.#cursor === undefined ? {} : { cursor: this.#cursor },
      );
      if (page.fills.length > 0) {
        await this.#recorder.record(page.fills, 'REST');
        recorded += page.fills.length;
      }
      this.#cursor = page.nextCursor;
      if (!page.hasMore) return recorded;
    }
  }
}
