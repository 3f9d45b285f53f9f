// The bulk path of recordFills (imports and backfills on one raw pg connection, with COPY). Each row is
// computed in memory, from the new fills and what their books already held, and written once: no row
// is inserted and then updated, and nothing written is read back. Books go one at a time, each one's
// rows in foreign-key order (trade_records with their aggregates, fills, allocations); the connection
// runs a book's statements while the next book is computed (the loop gives the event loop turns), and
// a written book's rows can be freed. A book the batch opens, its fills in processing order (the usual
// import), is computed and rendered fill by fill (book-stream.ts); any other is read and appended to
// or recomputed. Arrival sequences are drawn for the whole batch first, so fills keep their input
// order whatever the book order. The rules are the live path's (the engine, OrderTotals, fillRow);
// books that transfers link take that path (recordFills decides).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { dec, type IdGenerator, SystemClock, SystemRandomSource, UuidV7IdGenerator } from '@hookline/core';
import type { LedgerFill, LedgerOptions, LedgerWarning, ResolvedLedgerOptions } from '@hookline/ledger';
import { resolveLedgerOptions } from '@hookline/ledger';
import { drawArrivalSequences } from './arrival-sequences.js';
import { allocateBook } from './book-allocation.js';
import { type BookKey, bookId, bookIds } from './book-key.js';
import { booksWithFills, loadBookAllocations, loadBookFills, type StoredFill } from './book-rows.js';
import { type BatchOrders, type DrawnFill, inProcessingOrder, streamBook } from './book-stream.js';
import { copyNewOrderRows, NEW_ORDER_TARGET, type NewOrderRow, storedOrderIds } from './bulk-order-rows.js';
import { copyAllocations, copyFillRows, freshFillIndexes } from './copy-inserts.js';
import { copyOrderAggregates } from './copy-order-aggregates.js';
import type { DeferredWrites } from './deferred-writes.js';
import { type FillInsert, fillRow } from './fill-insert.js';
import { ledgerFillOf, type NewFill, type UnknownOrderOrigin } from './new-fill.js';
import { computeOrderAggregates } from './order-aggregates.js';
import { orderKeyOf, orderRowKey } from './order-key.js';
import type { RecordFillsResult } from './record-fills-result.js';
import { ALLOCATION_COLUMNS, FILL_COLUMNS } from './row-lines.js';
import { toAllocation, toLedgerFill } from './row-mapping.js';
import type { CopyRows, SqlRunner } from './sql-runner.js';

/** Records `fills` into `books` (already locked, none linked by transfers): computed, then COPY. */
export async function recordBulk(
  run: SqlRunner,
  copy: CopyRows,
  fills: readonly NewFill[],
  books: readonly BookKey[],
  options: { readonly ledger: LedgerOptions; readonly origin: UnknownOrderOrigin },
  writes: DeferredWrites,
): Promise<RecordFillsResult> {
  // The statements before the first book are sent without waiting for one another where nothing
  // depends on an answer: the connection runs them in order while this side computes.
  const heldBooks = pending(booksWithFills(run, books));
  const fresh = (await after(heldBooks, freshFillIndexes(run, copy, fills))).map(
    (index) => fills[index] as NewFill,
  );
  const duplicates = fills.length - fresh.length;
  if (fresh.length === 0) {
    await heldBooks;
    return { inserted: 0, duplicates, allocations: 0, warnings: [], recomputedBooks: 0 };
  }
  const drawnSequences = pending(drawArrivalSequences(run, fresh.length));
  // Time-ordered ids (UUIDv7), drawn book by book as rows are written: each index grows at its end
  // instead of taking random pages, and a row's foreign-key lookup finds its parent in a recent page.
  const ids = new UuidV7IdGenerator(new SystemClock(), new SystemRandomSource());
  const orders = await after(drawnSequences, orderRows(run, copy, fresh, ids));
  const resolved = resolveLedgerOptions(options.ledger);
  const positionsByBook = groupPositions(fresh);
  const sequences = await drawnSequences;
  const held = await heldBooks;
  let allocations = 0;
  let recomputedBooks = 0;
  const warnings: LedgerWarning[] = [];
  for (const book of books) {
    const positions = positionsByBook.get(bookId(book));
    if (!positions) continue;
    const draw = (fill: NewFill, index: number): DrawnFill => {
      const position = positions[index] as number;
      const id = ids.next();
      return { id, tradeRecordId: orders.idOf(fill), arrivalSeq: sequences.at(position) };
    };
    const bookFills = positions.map((position) => fresh[position] as NewFill);
    const context = { run, copy, writes, orders, resolved, ...options };
    const holds = held.has(bookId(book));
    const result =
      !holds && inProcessingOrder(bookFills)
        ? await writeStreamedBook(book, bookFills, draw, context)
        : await writeBook(book, holds, bookFills, draw, context);
    allocations += result.allocations;
    if (result.recomputed) recomputedBooks += 1;
    for (const warning of result.warnings) warnings.push(warning);
    // The connection takes over what was handed to it while the next book is computed.
    await nextTurn();
  }
  return { inserted: fresh.length, duplicates, allocations, warnings, recomputedBooks };
}

interface BookContext {
  readonly run: SqlRunner;
  readonly copy: CopyRows;
  readonly writes: DeferredWrites;
  readonly orders: BatchOrders;
  readonly resolved: ResolvedLedgerOptions;
  readonly ledger: LedgerOptions;
  readonly origin: UnknownOrderOrigin;
}

interface WrittenBook {
  readonly allocations: number;
  readonly recomputed: boolean;
  readonly warnings: readonly LedgerWarning[];
}

/** A new book whose fills come in processing order: computed and rendered fill by fill. */
async function writeStreamedBook(
  book: BookKey,
  fills: readonly NewFill[],
  draw: (fill: NewFill, index: number) => DrawnFill,
  { run, copy, writes, orders, resolved, ledger, origin }: BookContext,
): Promise<WrittenBook> {
  const rows = await streamBook(book, fills, draw, orders, { ledger, resolved, origin });
  // Handed to the connection in this order: rows before the rows that refer to them.
  if (rows.newOrders.count > 0) await writes.defer(copy(NEW_ORDER_TARGET, rows.newOrders.rendered()));
  await writes.defer(copyOrderAggregates(run, copy, rows.storedOrders, new Set()));
  await writes.defer(copy(`fills (${FILL_COLUMNS}, arrival_seq)`, rows.fills.rendered()));
  if (rows.allocations.count > 0)
    await writes.defer(copy(`fifo_allocations (${ALLOCATION_COLUMNS})`, rows.allocations.rendered()));
  return { allocations: rows.allocations.count, recomputed: false, warnings: rows.warnings };
}

/**
 * Any other book (it holds stored fills, or new fills come before others in processing order): its
 * stored rows are read and allocateBook decides whether it appends or recomputes.
 */
async function writeBook(
  book: BookKey,
  holds: boolean,
  fills: readonly NewFill[],
  draw: (fill: NewFill, index: number) => DrawnFill,
  { run, copy, writes, orders, resolved, ledger, origin }: BookContext,
): Promise<WrittenBook> {
  const incoming = fills.map((fill, index) => newBookFill(fill, draw(fill, index), resolved));
  // A read waits behind the writes handed over before it: only books that hold fills are read.
  const storedFills = holds ? await loadBookFills(run, book) : [];
  const storedAllocations =
    storedFills.length === 0 ? [] : (await loadBookAllocations(run, book)).map(toAllocation);
  const result = allocateBook(
    book,
    storedFills.map(toLedgerFill),
    storedAllocations,
    incoming.map((fill) => fill.ledger),
    ledger,
  );
  const bookFills = incoming.map((fill) => fill.stored);
  const aggregates = computeOrderAggregates(
    storedFills.length === 0 ? bookFills : [...storedFills, ...bookFills],
    result.allocations,
    result.lots,
  );
  // Handed to the connection in this order: rows before the rows that refer to them.
  const created = aggregates.filter((row) => orders.created(row.tradeRecordId));
  const updated = aggregates.filter((row) => !orders.created(row.tradeRecordId));
  await writes.defer(copyNewOrderRows(copy, created.map(orders.newRow), origin));
  await writes.defer(copyOrderAggregates(run, copy, updated, new Set()));
  await writes.defer(
    copyFillRows(
      copy,
      incoming.map((fill) => fill.row),
      bookFills.map((fill) => fill.id),
      bookFills.map((fill) => fill.arrivalSeq),
    ),
  );
  if (result.replace)
    await writes.defer(
      run('DELETE FROM fifo_allocations WHERE account = $1 AND asset = $2', [book.account, book.asset]),
    );
  await writes.defer(copyAllocations(copy, result.added));
  return { allocations: result.added.length, recomputed: result.replace, warnings: result.warnings };
}

/** One new fill three ways: the row to write, the row as the ledger reads it back, the engine's fill. */
interface BookFill {
  readonly row: FillInsert;
  readonly stored: StoredFill;
  readonly ledger: LedgerFill;
}

function newBookFill(fill: NewFill, drawn: DrawnFill, options: ResolvedLedgerOptions): BookFill {
  const { id, tradeRecordId, arrivalSeq } = drawn;
  const row = fillRow(fill, tradeRecordId, options);
  const feeUsd = row.feeUsd === null ? null : dec(row.feeUsd);
  // The parsed decimals of the input are used as they are (a stored row would read back equal).
  const stored: StoredFill = {
    id,
    account: fill.account,
    exchange: fill.exchange,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    tradeRecordId: row.tradeRecordId,
    symbol: fill.symbol,
    side: row.side,
    price: fill.price,
    size: fill.size,
    fee: fill.fee,
    feeCurrency: fill.feeCurrency,
    feeUsd,
    executedAt: fill.executedAt,
    arrivalSeq,
  };
  const ledger = ledgerFillOf(fill, id, feeUsd, arrivalSeq);
  return { row, stored, ledger };
}

/** `work`, already sent, awaited later: its failure is not reported as unhandled meanwhile. */
function pending<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}

/**
 * `work`, sent after `earlier`: should `work` fail, the failure of `earlier` is the cause (a statement
 * after a failed one only says that the transaction is aborted).
 */
async function after<T>(earlier: Promise<unknown>, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    await earlier;
    throw error;
  }
}

/**
 * Each new fill's order row: found among the stored ones, or, for an order seen first now, a new id
 * drawn when its first fill is written (so ids ascend in the order rows are written).
 */
async function orderRows(run: SqlRunner, copy: CopyRows, fresh: readonly NewFill[], ids: IdGenerator) {
  const keyOf = (fill: NewFill) => orderRowKey(fill.account, fill.exchange, orderKeyOf(fill));
  const firstFillOfOrder = new Map<string, NewFill>();
  for (const fill of fresh) {
    const key = keyOf(fill);
    if (!firstFillOfOrder.has(key)) firstFillOfOrder.set(key, fill);
  }
  const rowIds = await storedOrderIds(run, copy, [...firstFillOfOrder.values()]);
  const firstFillOfNew = new Map<string, NewFill>();
  // An order's fills mostly follow one another in their book: the last answer is tried first.
  let last: { account: string; exchange: string; orderKey: string; id: string } | undefined;
  return {
    idOf: (fill: NewFill): string => {
      const orderKey = orderKeyOf(fill);
      if (
        last !== undefined &&
        last.orderKey === orderKey &&
        last.account === fill.account &&
        last.exchange === fill.exchange
      )
        return last.id;
      const key = orderRowKey(fill.account, fill.exchange, orderKey);
      let id = rowIds.get(key);
      if (id === undefined) {
        id = ids.next();
        rowIds.set(key, id);
        firstFillOfNew.set(id, firstFillOfOrder.get(key) ?? fill);
      }
      last = { account: fill.account, exchange: fill.exchange, orderKey, id };
      return id;
    },
    created: (id: string) => firstFillOfNew.has(id),
    newRow: (aggregates: NewOrderRow['aggregates']): NewOrderRow => ({
      id: aggregates.tradeRecordId,
      firstFill: firstFillOfNew.get(aggregates.tradeRecordId) as NewFill,
      aggregates,
    }),
  };
}

/** Positions of the new fills per book, in input order. */
function groupPositions(fills: readonly NewFill[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const bookIdOf = bookIds();
  fills.forEach((fill, index) => {
    const key = bookIdOf(fill.account, fill.symbol);
    const list = groups.get(key);
    if (list) list.push(index);
    else groups.set(key, [index]);
  });
  return groups;
}
