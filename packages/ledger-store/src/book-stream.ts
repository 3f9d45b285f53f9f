// The bulk import of a book that holds no stored fills, its new fills already in processing order (the
// usual import): the engine applies them one at a time and each fill's rows are rendered as COPY text
// at once, its order's aggregates summed as it goes. Nothing of a fill outlives it but text, so the
// garbage collector has little to move, and the event loop is given a turn every few hundred fills,
// so the connection keeps the server busy with the books handed over before. The rules are the
// general path's: fillRow, the engine, OrderTotals as computeOrderAggregates adds them.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { dec } from '@hookline/core';
import {
  FifoEngine,
  type LedgerFill,
  type LedgerOptions,
  type LedgerWarning,
  type ResolvedLedgerOptions,
} from '@hookline/ledger';
import type { BookKey } from './book-key.js';
import { type NewOrderRow, newOrderLine } from './bulk-order-rows.js';
import { CopyLines, RepeatedTexts } from './copy-lines.js';
import { fillRow, storedFee } from './fill-insert.js';
import { ledgerFillOf, type NewFill, type UnknownOrderOrigin } from './new-fill.js';
import type { OrderAggregates } from './order-aggregate-columns.js';
import { OrderTotals } from './order-totals.js';
import { allocationLine, fillLine } from './row-lines.js';

/** What a new fill is stored as: its id, its order's row and its arrival sequence. */
export interface DrawnFill {
  readonly id: string;
  readonly tradeRecordId: string;
  readonly arrivalSeq: bigint;
}

/** The orders of the batch: which rows are created now, and the row of such an order. */
export interface BatchOrders {
  created(tradeRecordId: string): boolean;
  newRow(aggregates: OrderAggregates): NewOrderRow;
}

/** A book's rows as COPY text (trade_records, fills, fifo_allocations) and what the engine said. */
export interface StreamedBook {
  readonly newOrders: CopyLines;
  /** The aggregates of orders whose rows were stored before. */
  readonly storedOrders: OrderAggregates[];
  readonly fills: CopyLines;
  readonly allocations: CopyLines;
  readonly warnings: LedgerWarning[];
}

const FILLS_PER_TURN = 256;

/** True when `fills` (with ascending arrival sequences) are already in processing order. */
export function inProcessingOrder(fills: readonly NewFill[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const fill of fills) {
    const executedMs = fill.executedAt.getTime();
    // NaN (an invalid date) is refused by the general path, with its message.
    if (!(executedMs >= previous)) return false;
    previous = executedMs;
  }
  return true;
}

/**
 * Applies `fills` (the book's new fills, in processing order) to an empty book. `draw` is called once
 * per fill, in order, as the fill is reached.
 */
export async function streamBook(
  book: BookKey,
  fills: readonly NewFill[],
  draw: (fill: NewFill, index: number) => DrawnFill,
  orders: BatchOrders,
  options: { ledger: LedgerOptions; resolved: ResolvedLedgerOptions; origin: UnknownOrderOrigin },
): Promise<StreamedBook> {
  const engine = new FifoEngine(options.ledger);
  const totals = new Map<string, OrderTotals>();
  const fillLines = new CopyLines();
  const allocationLines = new CopyLines();
  const warnings: LedgerWarning[] = [];
  const texts = new RepeatedTexts();
  for (let index = 0; index < fills.length; index += 1) {
    if (index > 0 && index % FILLS_PER_TURN === 0) await nextTurn();
    const fill = fills[index] as NewFill;
    const { id, tradeRecordId, arrivalSeq } = draw(fill, index);
    // The engine sees the fee as it is stored (as the general path and every later recompute do).
    const ledgerFill = ledgerFillOf(fill, id, fill.feeUsd ?? null, arrivalSeq);
    const fee = storedFee(ledgerFill, options.resolved);
    // Set on the object just made (nothing else holds it yet) rather than a second one per fill.
    (ledgerFill as { feeUsd: LedgerFill['feeUsd'] }).feeUsd = fee.feeUsd;
    const row = fillRow(fill, tradeRecordId, options.resolved, fee);
    fillLines.add(fillLine(id, row, arrivalSeq, texts));
    texts.remember(fill.price, row.price);
    texts.remember(fill.size, row.size);
    let order = totals.get(tradeRecordId);
    if (!order) {
      order = new OrderTotals(tradeRecordId);
      totals.set(tradeRecordId, order);
    }
    order.addFill({
      id,
      side: row.side,
      price: dec(fill.price),
      size: dec(fill.size),
      feeUsd: fee.feeUsd,
      executedAt: fill.executedAt,
    });
    const applied = engine.apply(ledgerFill);
    for (const allocation of applied.allocations) {
      allocationLines.add(allocationLine(allocation, texts));
      order.addAllocation(allocation);
    }
    for (const warning of applied.warnings) warnings.push(warning);
  }
  // A lot moved to another account by transfer is no longer the order's remainder (none here).
  const remaining = new Map(
    engine
      .openLots(book.account, book.asset)
      .filter((lot) => !lot.transferId)
      .map((lot) => [lot.buyFillId, lot.remainingSize]),
  );
  const remainingOf = (buyFillId: string) => remaining.get(buyFillId);
  const newOrders = new CopyLines();
  const storedOrders: OrderAggregates[] = [];
  const prefix = options.origin.toLowerCase();
  for (const order of totals.values()) {
    const aggregates = order.aggregates(remainingOf);
    if (orders.created(order.tradeRecordId))
      newOrders.add(newOrderLine(orders.newRow(aggregates), options.origin, prefix));
    else storedOrders.push(aggregates);
  }
  return { newOrders, storedOrders, fills: fillLines, allocations: allocationLines, warnings };
}
