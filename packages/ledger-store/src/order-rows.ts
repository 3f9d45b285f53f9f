// Every fill belongs to a trade_records row. Orders we placed already have one (the executor writes
// the intent before sending); for imported history and orders found by the reconciler the store
// creates it here, keyed by (account, exchange, order_id) so the same order is never created twice.
// Set-based SQL (unnest arrays): an import creates tens of thousands of rows at once.

import type { NewFill, UnknownOrderOrigin } from './new-fill.js';
import { orderKeyOf, orderRowKey } from './order-key.js';
import { copyOrderRows, insertOrderRows } from './order-rows-insert.js';
import type { SqlRunner } from './sql-runner.js';

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
    const key = orderRowKey(fill.account, fill.exchange, orderKeyOf(fill));
    if (!firstFillOfOrder.has(key)) firstFillOfOrder.set(key, fill);
  }
  const orders = [...firstFillOfOrder.values()];
  const found = run.copy
    ? await copyOrderRows(run, run.copy, orders, origin)
    : await insertOrderRows(run, orders, origin);
  const ids = new Map(
    found.rows.map((row) => [orderRowKey(row.account, row.exchange, row.order_id), row.id]),
  );
  const rowIds = fills.map(
    (fill) => ids.get(orderRowKey(fill.account, fill.exchange, orderKeyOf(fill))) ?? '',
  );
  return { rowIds, created: found.created };
}
