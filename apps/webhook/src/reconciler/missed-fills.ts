// Step 3: fills since the fill consumer's REST cursor (the same Redis key, RedisFillCursorStore), through
// FillRecorder, i.e. ledger-store's recordFills with unknownOrderOrigin RECONCILED, the one write path.
// The fills unique key makes a fill the stream already delivered a no-op, so the reconciler and the
// fill consumer may both read a page; a cursor saved by the slower one moves back at worst, which only
// replays no-ops. The cursor advances only after a page's fills are committed.
import type { ExchangePort } from '@hookline/exchange';
import type { RedisFillCursorStore } from '../fills/fill-cursor-store.js';
import type { FillRecorder } from '../fills/fill-recorder.js';

/** What the fills step needs. */
export interface MissedFillsContext {
  readonly exchange: ExchangePort;
  readonly cursor: Pick<RedisFillCursorStore, 'load' | 'save'>;
  readonly recorder: Pick<FillRecorder, 'record'>;
}

/** Records every fill after the stored cursor; returns how many were new to the ledger. */
export async function recordMissedFills(context: MissedFillsContext): Promise<number> {
  const { exchange, cursor, recorder } = context;
  let inserted = 0;
  let position = await cursor.load();
  for (;;) {
    const page = await exchange.fetchFillsSince(position === undefined ? {} : { cursor: position });
    if (page.fills.length > 0) inserted += (await recorder.record(page.fills, 'REST')).inserted;
    if (page.nextCursor !== position) await cursor.save(page.nextCursor);
    position = page.nextCursor;
    if (!page.hasMore || page.fills.length === 0) return inserted;
  }
}
