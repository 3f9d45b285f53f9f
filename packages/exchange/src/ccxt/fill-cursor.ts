import { ExchangeError } from '../port/exchange-error.js';
import type { Fill, FillCursor } from '../port/fill.js';

/** Where a fills read resumes: after this time, skipping the trade ids already read at exactly it. */
export interface FillPosition {
  readonly afterMs: number;
  readonly seenAtBoundary: readonly string[];
}

/** A fill with the time the cursor orders by (Coinbase `sequence_timestamp`, else the trade time). */
export interface SequencedFill {
  readonly fill: Fill;
  readonly sequenceMs: number;
}

/** The opaque cursor text of a position (base64url JSON: safe to store and to put in a URL). */
export function encodeFillCursor(position: FillPosition): FillCursor {
  return Buffer.from(JSON.stringify({ t: position.afterMs, s: position.seenAtBoundary })).toString(
    'base64url',
  );
}

/** The position a cursor names; FATAL for a cursor this adapter did not issue. */
export function decodeFillCursor(cursor: FillCursor | undefined): FillPosition {
  if (cursor === undefined) return { afterMs: 0, seenAtBoundary: [] };
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const { t, s } = parsed as { t: unknown; s: unknown };
    if (Number.isSafeInteger(t) && Array.isArray(s) && s.every((id) => typeof id === 'string')) {
      return { afterMs: t as number, seenAtBoundary: s as string[] };
    }
  } catch {
    // reported below
  }
  throw new ExchangeError('FATAL', 'the fills cursor was not issued by this adapter', {
    context: { operation: 'fetchFillsSince', cursor },
  });
}

/**
 * One page of fills after a position, oldest first, and the position after it. Venues return
 * fills at the boundary time again (their `since` is inclusive), so those already read are
 * skipped by trade id: a fill is returned exactly once across pages, and a page with nothing new
 * returns the same cursor.
 */
export function pageAfter(
  fills: readonly SequencedFill[],
  position: FillPosition,
  limit: number,
): { fills: Fill[]; position: FillPosition; hasMore: boolean } {
  const seen = new Set(position.seenAtBoundary);
  const candidates = fills
    .filter(
      ({ fill, sequenceMs }) =>
        sequenceMs > position.afterMs || (sequenceMs === position.afterMs && !seen.has(fill.tradeId)),
    )
    .sort(
      (left, right) =>
        left.sequenceMs - right.sequenceMs || left.fill.tradeId.localeCompare(right.fill.tradeId),
    );
  const page = candidates.slice(0, Math.max(1, limit));
  const last = page.at(-1);
  if (last === undefined) return { fills: [], position, hasMore: false };
  const atBoundary = page
    .filter(({ sequenceMs }) => sequenceMs === last.sequenceMs)
    .map(({ fill }) => fill.tradeId);
  const carried = last.sequenceMs === position.afterMs ? position.seenAtBoundary : [];
  return {
    fills: page.map(({ fill }) => fill),
    position: { afterMs: last.sequenceMs, seenAtBoundary: [...carried, ...atBoundary] },
    hasMore: candidates.length > page.length,
  };
}
