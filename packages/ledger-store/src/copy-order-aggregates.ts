// writeOrderAggregates on the bulk path: the aggregates are staged by COPY, then one UPDATE ... FROM
// the stage sets them (the same assignments as the array form in order-aggregates.ts).
import { stageTable } from './copy-inserts.js';
import { renderLines, textField } from './copy-lines.js';
import { copyField } from './copy-rows.js';
import { AGGREGATE_COLUMNS, aggregateFields, type OrderAggregates } from './order-aggregate-columns.js';
import type { CopyRows, SqlRunner } from './sql-runner.js';

/** Stages `aggregates` and writes them to their trade_records rows. */
export async function copyOrderAggregates(
  run: SqlRunner,
  copy: CopyRows,
  aggregates: readonly OrderAggregates[],
  synthesizedIds: ReadonlySet<string>,
): Promise<void> {
  if (aggregates.length === 0) return;
  const stage = await stageTable(
    run,
    `id text, filled_size numeric, avg_fill_price numeric, total_fees_usd numeric, pnl_usd numeric,
     cost_basis_usd numeric, sale_proceeds_usd numeric, net_sale_proceeds_usd numeric, remaining_size numeric,
     synthesized boolean, first_fill_at timestamptz`,
  );
  await copy(
    `${stage} (id, ${AGGREGATE_COLUMNS}, synthesized, first_fill_at)`,
    renderLines(
      aggregates,
      (row) =>
        `${textField(row.tradeRecordId)}\t${aggregateFields(row)}\t${copyField(synthesizedIds.has(row.tradeRecordId))}\t` +
        copyField(row.firstFillAt),
    ),
  );
  await run(
    `UPDATE trade_records AS t SET
       filled_size = v.filled_size, avg_fill_price = v.avg_fill_price, total_fees_usd = v.total_fees_usd,
       pnl_usd = v.pnl_usd, cost_basis_usd = v.cost_basis_usd, sale_proceeds_usd = v.sale_proceeds_usd,
       net_sale_proceeds_usd = v.net_sale_proceeds_usd, remaining_size = v.remaining_size,
       size = CASE WHEN v.synthesized THEN v.filled_size ELSE t.size END,
       status = CASE WHEN v.synthesized THEN 'FILLED'::order_status ELSE t.status END,
       order_time = CASE WHEN v.synthesized THEN v.first_fill_at ELSE t.order_time END,
       updated_at = now()
     FROM ${stage} v
     WHERE t.id = v.id`,
  );
}
