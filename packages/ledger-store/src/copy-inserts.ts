// The bulk path's inserts of fills and allocation rows by COPY (the raw pg connection only). Fills: the
// batch's keys are staged by COPY and anti-joined against the stored fills under the books' advisory
// locks, and only the new fills are streamed into `fills` (first occurrence wins within the batch, as
// ON CONFLICT DO NOTHING in input order did). COPY into the real table lets the server insert rows in
// batches; an INSERT ... SELECT from a staging table would pay the per-row executor path again.
import { randomUUID } from 'node:crypto';
import type { Allocation } from '@hookline/ledger';
import { CopyLines, renderLines } from './copy-lines.js';
import type { FillInsert } from './fill-insert.js';
import { ALLOCATION_COLUMNS, allocationLine, FILL_COLUMNS, fillLine } from './row-lines.js';
import type { CopyRows, CopyValue, SqlRunner } from './sql-runner.js';
import { accountExchangePairs, holdsAnyOf } from './stored-origins.js';

/** `items` mapped one at a time as they are read. */
export function* lazyMap<T>(items: readonly T[], map: (item: T, index: number) => readonly CopyValue[]) {
  for (let index = 0; index < items.length; index += 1) yield map(items[index] as T, index);
}

let stages = 0;

/** A fresh temporary table with `columns`, dropped at the end of the transaction. */
export async function stageTable(run: SqlRunner, columns: string): Promise<string> {
  stages += 1;
  const name = `ledger_stage_${stages}`;
  await run(`CREATE TEMP TABLE ${name} (${columns}) ON COMMIT DROP`);
  return name;
}

/** Inserts the fills not stored yet, in input order; returns the ids of the rows inserted now. */
export async function copyFills(
  run: SqlRunner,
  copy: CopyRows,
  rows: readonly FillInsert[],
): Promise<string[]> {
  const fresh = (await freshFillIndexes(run, copy, rows)).map((index) => rows[index] as FillInsert);
  const ids = fresh.map(() => randomUUID()); // the same form as gen_random_uuid()::text
  await copyFillRows(copy, fresh, ids);
  return ids;
}

/**
 * The positions of the fills not stored yet (same account, exchange and trade id), in input order; the
 * first occurrence wins within the batch, as ON CONFLICT DO NOTHING in input order did. When the
 * batch's accounts hold no fills at its exchanges, nothing is staged: only the batch's own repeats go.
 */
export async function freshFillIndexes(
  run: SqlRunner,
  copy: CopyRows,
  rows: readonly { readonly account: string; readonly exchange: string; readonly tradeId: string }[],
): Promise<number[]> {
  const skip = (await holdsAnyOf(run, 'fills', accountExchangePairs(rows)))
    ? await storedFillPositions(run, copy, rows)
    : new Set<number>();
  const seen = new Set<string>();
  const fresh: number[] = [];
  rows.forEach((row, index) => {
    const key = `${row.account}\u0000${row.exchange}\u0000${row.tradeId}`;
    if (skip.has(index) || seen.has(key)) return;
    seen.add(key);
    fresh.push(index);
  });
  return fresh;
}

// The positions of the rows whose key is stored: the keys are staged by COPY and joined once.
async function storedFillPositions(
  run: SqlRunner,
  copy: CopyRows,
  rows: readonly { readonly account: string; readonly exchange: string; readonly tradeId: string }[],
): Promise<Set<number>> {
  const stage = await stageTable(run, 'position integer, account text, exchange text, trade_id text');
  await copy(
    `${stage} (position, account, exchange, trade_id)`,
    lazyMap(rows, (row, index) => [index, row.account, row.exchange, row.tradeId]),
  );
  const stored = await run<{ position: number }>(
    `SELECT s.position FROM ${stage} s
     WHERE EXISTS (SELECT 1 FROM fills f
                   WHERE f.account = s.account AND f.exchange = s.exchange AND f.trade_id = s.trade_id)`,
  );
  return new Set(stored.map((row) => row.position));
}

/**
 * Streams `rows` into `fills` with `ids`. arrival_seq is `arrivalSeqs` when given (values the caller
 * drew from the column's sequence), else the column's default, drawn in the order COPY reads the rows.
 */
export async function copyFillRows(
  copy: CopyRows,
  rows: readonly FillInsert[],
  ids: readonly string[],
  arrivalSeqs?: readonly bigint[],
): Promise<void> {
  const lines = new CopyLines();
  rows.forEach((row, at) => {
    lines.add(fillLine(ids[at] ?? null, row, arrivalSeqs ? (arrivalSeqs[at] as bigint) : undefined));
  });
  await copy(`fills (${FILL_COLUMNS}${arrivalSeqs ? ', arrival_seq' : ''})`, lines.rendered());
}

/** Streams allocation rows into fifo_allocations (ids as insertAllocations names them). */
export async function copyAllocations(copy: CopyRows, rows: readonly Allocation[]): Promise<void> {
  await copy(`fifo_allocations (${ALLOCATION_COLUMNS})`, renderLines(rows, allocationLine));
}
