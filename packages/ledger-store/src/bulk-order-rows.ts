// The bulk path's trade_records rows: the rows of orders already stored are found by their unique
// key (staged by COPY, one join), and the rows of orders seen for the first time are written once by
// COPY with their aggregates already computed, so no row is inserted and then updated.
import { lazyMap, stageTable } from './copy-inserts.js';
import { decimalField, renderLines, textField, timeField } from './copy-lines.js';
import type { NewFill, UnknownOrderOrigin } from './new-fill.js';
import { AGGREGATE_COLUMNS, aggregateFields, type OrderAggregates } from './order-aggregate-columns.js';
import { orderKeyOf, orderRowKey } from './order-key.js';
import type { CopyRows, SqlRunner } from './sql-runner.js';
import { accountExchangePairs, holdsAnyOf } from './stored-origins.js';

/**
 * The stored row id of each of `orders` that has one, by orderRowKey (none staged or joined when the
 * orders' accounts hold no order rows at their exchanges).
 */
export async function storedOrderIds(
  run: SqlRunner,
  copy: CopyRows,
  orders: readonly NewFill[],
): Promise<Map<string, string>> {
  if (!(await holdsAnyOf(run, 'trade_records', accountExchangePairs(orders)))) return new Map();
  const stage = await stageTable(run, 'account text, exchange text, order_id text');
  await copy(
    `${stage} (account, exchange, order_id)`,
    lazyMap(orders, (fill) => [fill.account, fill.exchange, orderKeyOf(fill)]),
  );
  const rows = await run<{ id: string; account: string; exchange: string; order_id: string }>(
    `SELECT t.id, t.account, t.exchange, t.order_id
     FROM trade_records t
     JOIN ${stage} v ON t.account = v.account AND t.exchange = v.exchange AND t.order_id = v.order_id`,
  );
  return new Map(rows.map((row) => [orderRowKey(row.account, row.exchange, row.order_id), row.id]));
}

/** The COPY target of new order rows (the columns newOrderLine renders). */
export const NEW_ORDER_TARGET = `trade_records (id, account, exchange, order_id, client_order_id, symbol, side, order_type,
       status, size, "trigger", source, order_time, ingest_via, ${AGGREGATE_COLUMNS})`;

/** An order seen for the first time: its new row id, its first fill, and its aggregates. */
export interface NewOrderRow {
  readonly id: string;
  readonly firstFill: NewFill;
  readonly aggregates: OrderAggregates;
}

/**
 * Writes the rows of orders we never placed. The source does not say how they were priced: order type
 * UNKNOWN, status FILLED, size what filled, order time the first execution (as the array path's
 * insert and aggregates update leave them).
 */
export async function copyNewOrderRows(
  copy: CopyRows,
  orders: readonly NewOrderRow[],
  origin: UnknownOrderOrigin,
): Promise<void> {
  if (orders.length === 0) return;
  const prefix = origin.toLowerCase();
  await copy(
    NEW_ORDER_TARGET,
    renderLines(orders, (order) => newOrderLine(order, origin, prefix)),
  );
}

/** The trade_records row of an order seen for the first time (columns as copyNewOrderRows lists them). */
export function newOrderLine(
  { id, firstFill: fill, aggregates: row }: NewOrderRow,
  origin: UnknownOrderOrigin,
  prefix = origin.toLowerCase(),
): string {
  const orderId = orderKeyOf(fill);
  return (
    `${textField(id)}\t${textField(fill.account)}\t${textField(fill.exchange)}\t${textField(orderId)}\t` +
    `${textField(`${prefix}:${fill.account}:${fill.exchange}:${orderId}`)}\t${textField(fill.symbol)}\t` +
    `${fill.side === 'buy' ? 'BUY' : 'SELL'}\tUNKNOWN\tFILLED\t${decimalField(row.filledSize)}\t` +
    `${textField(origin)}\t${textField(origin)}\t${timeField(row.firstFillAt)}\t${textField(fill.ingestVia)}\t` +
    aggregateFields(row)
  );
}
