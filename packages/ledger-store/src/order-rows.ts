// Every fill belongs to a trade_records row. Orders we placed already have one (the executor writes
// the intent before sending); for imported history and orders found by the reconciler the store
// creates it here, keyed by (account, exchange, order_id) so the same order is never created twice.
// Set-based SQL (unnest arrays): an import creates tens of thousands of rows at once.
import type { NewFill, UnknownOrderOrigin } from './new-fill.js';
import type { SqlRunner } from './sql-runner.js';

/** The order id a fill is grouped under: the exchange's, or one synthesized from the trade id. */
export function orderKeyOf(fill: NewFill): string {
  return fill.orderId ?? `trade:${fill.tradeId}`;
}

function rowKey(account: string, exchange: string, orderId: string): string {
  return `${account}\u0000${exchange}\u0000${orderId}`;
}

/**
 * Finds or creates the trade_records row of every fill's order. Returns the row id per fill (same
 * index) and the ids of rows created now (their size and status come from their fills).
 */
export async function ensureOrderRows(
  run: SqlRunner,
  fills: readonly NewFill[],
  origin: UnknownOrderOrigin,
): Promise<{ rowIds: string[]; created: Set<string> }> {
  const firstFillOfOrder = new Map<string, NewFill>();
  for (const fill of fills) {
    const key = rowKey(fill.account, fill.exchange, orderKeyOf(fill));
    if (!firstFillOfOrder.has(key)) firstFillOfOrder.set(key, fill);
  }
  const orders = [...firstFillOfOrder.values()];
  const column = <T>(pick: (fill: NewFill) => T) => orders.map(pick);
  // The source does not say how these orders were priced: order_type UNKNOWN; size and status are
  // set from their fills by the aggregates update in the same transaction.
  const created = await run<{ id: string }>(
    `INSERT INTO trade_records (id, account, exchange, order_id, client_order_id, symbol, side, order_type, status,
       size, "trigger", source, order_time, ingest_via, updated_at)
     SELECT gen_random_uuid()::text, v.account, v.exchange, v.order_id,
       $6 || ':' || v.account || ':' || v.exchange || ':' || v.order_id, v.symbol, v.side::side,
       'UNKNOWN'::order_type, 'FILLED'::order_status, 0, $7::order_trigger, $8::order_source, v.order_time,
       v.ingest_via::ingest_via, now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $9::timestamptz[], $10::text[])
       AS v(account, exchange, order_id, symbol, side, order_time, ingest_via)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      column((fill) => fill.account),
      column((fill) => fill.exchange),
      column(orderKeyOf),
      column((fill) => fill.symbol),
      column((fill) => (fill.side === 'buy' ? 'BUY' : 'SELL')),
      origin.toLowerCase(),
      origin,
      origin,
      column((fill) => fill.executedAt),
      column((fill) => fill.ingestVia),
    ],
  );
  const found = await run<{ id: string; account: string; exchange: string; order_id: string }>(
    `SELECT t.id, t.account, t.exchange, t.order_id
     FROM trade_records t
     JOIN unnest($1::text[], $2::text[], $3::text[]) AS v(account, exchange, order_id)
       ON t.account = v.account AND t.exchange = v.exchange AND t.order_id = v.order_id`,
    [column((fill) => fill.account), column((fill) => fill.exchange), column(orderKeyOf)],
  );
  const ids = new Map(found.map((row) => [rowKey(row.account, row.exchange, row.order_id), row.id]));
  const rowIds = fills.map((fill) => ids.get(rowKey(fill.account, fill.exchange, orderKeyOf(fill))) ?? '');
  return { rowIds, created: new Set(created.map((row) => row.id)) };
}
