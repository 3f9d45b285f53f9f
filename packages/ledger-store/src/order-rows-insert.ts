// The statements behind ensureOrderRows: create the trade_records rows of orders not stored yet
// (ON CONFLICT DO NOTHING: an order row is never created twice) and find every order's row id. With
// unnest arrays on any runner; on the bulk path the orders are staged by COPY first.

import { lazyMap, stageTable } from './copy-inserts.js';
import type { NewFill, UnknownOrderOrigin } from './new-fill.js';
import { orderKeyOf } from './order-key.js';
import type { CopyRows, SqlRunner } from './sql-runner.js';

/** The order rows of some orders: each one's id and key, and the ids created now. */
export interface FoundOrderRows {
  readonly rows: readonly { id: string; account: string; exchange: string; order_id: string }[];
  readonly created: Set<string>;
}

// The source does not say how these orders were priced: order_type UNKNOWN; size and status are
// set from their fills by the aggregates update in the same transaction.
const INSERT_COLUMNS = `INSERT INTO trade_records (id, account, exchange, order_id, client_order_id, symbol, side,
       order_type, status, size, "trigger", source, order_time, ingest_via, updated_at)`;
const SELECTED = (prefix: string) => `SELECT gen_random_uuid()::text, v.account, v.exchange, v.order_id,
       ${prefix} || ':' || v.account || ':' || v.exchange || ':' || v.order_id, v.symbol, v.side::side,
       'UNKNOWN'::order_type, 'FILLED'::order_status, 0, $1::order_trigger, $3::order_source, v.order_time,
       v.ingest_via::ingest_via, now()`;

/** Creates and finds the order rows with array parameters (one statement each). */
export async function insertOrderRows(
  run: SqlRunner,
  orders: readonly NewFill[],
  origin: UnknownOrderOrigin,
): Promise<FoundOrderRows> {
  const column = <T>(pick: (fill: NewFill) => T) => orders.map(pick);
  const created = await run<{ id: string }>(
    `${INSERT_COLUMNS}
     ${SELECTED('$2')}
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::text[])
       AS v(account, exchange, order_id, symbol, side, order_time, ingest_via)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      origin,
      origin.toLowerCase(),
      origin,
      column((fill) => fill.account),
      column((fill) => fill.exchange),
      column(orderKeyOf),
      column((fill) => fill.symbol),
      column((fill) => (fill.side === 'buy' ? 'BUY' : 'SELL')),
      column((fill) => fill.executedAt),
      column((fill) => fill.ingestVia),
    ],
  );
  const rows = await run<{ id: string; account: string; exchange: string; order_id: string }>(
    `SELECT t.id, t.account, t.exchange, t.order_id
     FROM trade_records t
     JOIN unnest($1::text[], $2::text[], $3::text[]) AS v(account, exchange, order_id)
       ON t.account = v.account AND t.exchange = v.exchange AND t.order_id = v.order_id`,
    [column((fill) => fill.account), column((fill) => fill.exchange), column(orderKeyOf)],
  );
  return { rows, created: new Set(created.map((row) => row.id)) };
}

/** The same with the orders staged by COPY: one set-based insert and one join against the stage. */
export async function copyOrderRows(
  run: SqlRunner,
  copy: CopyRows,
  orders: readonly NewFill[],
  origin: UnknownOrderOrigin,
): Promise<FoundOrderRows> {
  const stage = await stageTable(
    run,
    'account text, exchange text, order_id text, symbol text, side text, order_time timestamptz, ingest_via text',
  );
  await copy(
    `${stage} (account, exchange, order_id, symbol, side, order_time, ingest_via)`,
    lazyMap(orders, (fill) => [
      fill.account,
      fill.exchange,
      orderKeyOf(fill),
      fill.symbol,
      fill.side === 'buy' ? 'BUY' : 'SELL',
      fill.executedAt,
      fill.ingestVia,
    ]),
  );
  const created = await run<{ id: string }>(
    `${INSERT_COLUMNS}
     ${SELECTED('$2')}
     FROM ${stage} v
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [origin, origin.toLowerCase(), origin],
  );
  const rows = await run<{ id: string; account: string; exchange: string; order_id: string }>(
    `SELECT t.id, t.account, t.exchange, t.order_id
     FROM trade_records t
     JOIN ${stage} v ON t.account = v.account AND t.exchange = v.exchange AND t.order_id = v.order_id`,
  );
  return { rows, created: new Set(created.map((row) => row.id)) };
}
