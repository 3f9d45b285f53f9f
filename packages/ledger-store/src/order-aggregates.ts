// Keeps each order's trade_records aggregates equal to its fills and allocations. They are recomputed
// from the rows every time (never accumulated), so a replay or a recompute cannot make them drift.

import { type Decimal, dec, isDecimal, toPlainString } from '@hookline/core';
import type { Allocation, Lot } from '@hookline/ledger';
import type { StoredFill as Fill } from './book-rows.js';
import { copyOrderAggregates } from './copy-order-aggregates.js';
import type { OrderAggregates } from './order-aggregate-columns.js';
import { OrderTotals } from './order-totals.js';
import type { SqlRunner } from './sql-runner.js';

/** Computes the aggregates of every order among `fills` (all fills of each order must be included). */
export function computeOrderAggregates(
  fills: readonly Fill[],
  allocations: readonly Allocation[],
  lots: readonly Lot[],
): OrderAggregates[] {
  const allocationsBySellFill = groupBy(allocations, (allocation) => allocation.sellFillId);
  const orders = new Map<string, OrderTotals>();
  for (const fill of fills) {
    if (!fill.tradeRecordId) continue;
    let order = orders.get(fill.tradeRecordId);
    if (!order) {
      order = new OrderTotals(fill.tradeRecordId);
      orders.set(fill.tradeRecordId, order);
    }
    order.addFill({
      id: fill.id,
      side: fill.side,
      price: exact(fill.price),
      size: exact(fill.size),
      feeUsd: fill.feeUsd === null ? null : exact(fill.feeUsd),
      executedAt: fill.executedAt,
    });
    for (const allocation of allocationsBySellFill.get(fill.id) ?? []) order.addAllocation(allocation);
  }
  // A lot moved to another account by transfer is no longer the order's remainder.
  const remainingByBuyFill = new Map(
    lots.filter((lot) => !lot.transferId).map((lot) => [lot.buyFillId, lot.remainingSize]),
  );
  const remainingOf = (buyFillId: string) => remainingByBuyFill.get(buyFillId);
  return [...orders.values()].map((order) => order.aggregates(remainingOf));
}

/** A stored decimal as ours: text and Prisma's Decimal are read exactly, ours is taken as it is. */
function exact(value: { toString(): string }): Decimal {
  return dec(typeof value === 'string' || isDecimal(value) ? value : value.toString());
}

const UPDATE_CHUNK = 5_000;

/**
 * Writes the aggregates. Rows this transaction created for orders we never placed (imports, reconciled
 * orders) also take their size, status FILLED and order time from their fills.
 */
export async function writeOrderAggregates(
  run: SqlRunner,
  aggregates: readonly OrderAggregates[],
  synthesizedIds: ReadonlySet<string>,
): Promise<void> {
  if (run.copy) return await copyOrderAggregates(run, run.copy, aggregates, synthesizedIds);
  for (let start = 0; start < aggregates.length; start += UPDATE_CHUNK) {
    const chunk = aggregates.slice(start, start + UPDATE_CHUNK);
    const text = (pick: (row: OrderAggregates) => Decimal | null) =>
      chunk.map((row) => {
        const value = pick(row);
        return value === null ? null : toPlainString(value);
      });
    await run(
      `UPDATE trade_records AS t SET
         filled_size = v.filled_size::numeric,
         avg_fill_price = v.avg_fill_price::numeric,
         total_fees_usd = v.total_fees_usd::numeric,
         pnl_usd = v.pnl_usd::numeric,
         cost_basis_usd = v.cost_basis_usd::numeric,
         sale_proceeds_usd = v.sale_proceeds_usd::numeric,
         net_sale_proceeds_usd = v.net_sale_proceeds_usd::numeric,
         remaining_size = v.remaining_size::numeric,
         size = CASE WHEN v.synthesized THEN v.filled_size::numeric ELSE t.size END,
         status = CASE WHEN v.synthesized THEN 'FILLED'::order_status ELSE t.status END,
         order_time = CASE WHEN v.synthesized THEN v.first_fill_at ELSE t.order_time END,
         updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::boolean[], $11::timestamptz[])
         AS v(id, filled_size, avg_fill_price, total_fees_usd, pnl_usd, cost_basis_usd, sale_proceeds_usd,
              net_sale_proceeds_usd, remaining_size, synthesized, first_fill_at)
       WHERE t.id = v.id`,
      [
        chunk.map((row) => row.tradeRecordId),
        text((row) => row.filledSize),
        text((row) => row.avgFillPrice),
        text((row) => row.totalFeesUsd),
        text((row) => row.pnlUsd),
        text((row) => row.costBasisUsd),
        text((row) => row.saleProceedsUsd),
        text((row) => row.netSaleProceedsUsd),
        text((row) => row.remainingSize),
        chunk.map((row) => synthesizedIds.has(row.tradeRecordId)),
        chunk.map((row) => row.firstFillAt),
      ],
    );
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}
