import type { Fill, FillCursor, FillPage, FillQuery } from '../port/fill.js';

/** The REST reads a stream's backfill needs (CcxtExchange provides them). */
export interface FillBackfillSource {
  fetchFillsSince(query: FillQuery): Promise<FillPage>;
  /** Every fill of one order, oldest first. */
  fetchOrderFills(orderId: string): Promise<readonly Fill[]>;
}

const maxPages = 100;

/**
 * Every fill after `cursor` over REST, page by page (at most 100 pages), and the cursor to resume
 * from: the part of a private stream's backfill that does not depend on the venue (Coinbase after a
 * `sequence_num` gap, Kraken after a reconnect).
 */
export async function readFillsSince(
  source: Pick<FillBackfillSource, 'fetchFillsSince'>,
  cursor: FillCursor,
): Promise<{ readonly fills: readonly Fill[]; readonly cursor: FillCursor }> {
  const fills: Fill[] = [];
  let next = cursor;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await source.fetchFillsSince({ cursor: next });
    fills.push(...result.fills);
    next = result.nextCursor;
    if (!result.hasMore) break;
  }
  return { fills, cursor: next };
}
