// What changed since a cursor, for the dashboard's live feed: decisions by created_at, fills by
// created_at, orders by updated_at, each from the given instant on (the feed keeps an overlap and
// drops what it has already sent, so a row committed late is not missed). Oldest first.
import type { DecisionRecord, FillRecord, OrderRecord } from '../records.js';
import { toDecisionRecord, toFillRecord, toOrderRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** The instants to read from, per kind. */
export interface ChangeCursor {
  readonly decisions: Date;
  readonly fills: Date;
  readonly orders: Date;
}

/** The rows changed since the cursor (at most `limit` of each kind). */
export interface Changes {
  readonly decisions: DecisionRecord[];
  readonly fills: FillRecord[];
  readonly orders: OrderRecord[];
}

/** Reads the account's rows changed at or after each instant of the cursor. */
export async function readChangesSince(
  store: Store,
  query: { readonly account: string; readonly since: ChangeCursor; readonly limit: number },
): Promise<Changes> {
  const client = clientOf(store);
  const { account, since, limit } = query;
  const [decisions, fills, orders] = await Promise.all([
    client.decision.findMany({
      where: { account, createdAt: { gte: since.decisions } },
      orderBy: { createdAt: 'asc' },
      take: limit,
    }),
    client.fill.findMany({
      where: { account, createdAt: { gte: since.fills } },
      orderBy: { createdAt: 'asc' },
      take: limit,
    }),
    client.tradeRecord.findMany({
      where: { account, updatedAt: { gte: since.orders } },
      orderBy: { updatedAt: 'asc' },
      take: limit,
    }),
  ]);
  return {
    decisions: decisions.map(toDecisionRecord),
    fills: fills.map(toFillRecord),
    orders: orders.map(toOrderRecord),
  };
}

/** The newest instant of each kind in the account (the epoch when it has none): where a feed starts. */
export async function readChangeCursor(store: Store, account: string): Promise<ChangeCursor> {
  const client = clientOf(store);
  const [decisions, fills, orders] = await Promise.all([
    client.decision.aggregate({ where: { account }, _max: { createdAt: true } }),
    client.fill.aggregate({ where: { account }, _max: { createdAt: true } }),
    client.tradeRecord.aggregate({ where: { account }, _max: { updatedAt: true } }),
  ]);
  const epoch = new Date(0);
  return {
    decisions: decisions._max.createdAt ?? epoch,
    fills: fills._max.createdAt ?? epoch,
    orders: orders._max.updatedAt ?? epoch,
  };
}
