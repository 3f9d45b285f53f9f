import { type Database, pgPoolOf } from '@hookline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedOrderIds } from '../src/bulk-order-rows.js';
import { freshFillIndexes } from '../src/copy-inserts.js';
import { type NewFill, recordFills } from '../src/index.js';
import { orderRowKey } from '../src/order-key.js';
import { inPgTransaction } from '../src/pg-transaction.js';
import type { CopyRows, SqlRunner } from '../src/sql-runner.js';
import { generatedFills } from './support/generated-fills.js';
import { migratedDatabase } from './support/ledger-database.js';

// The bulk path matches a batch against stored fills and order rows only where the batch's accounts
// hold rows at its exchanges; elsewhere it stages nothing, and the answer must be the same.
describe('matching an import against what is stored', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await migratedDatabase('postgres'));
  }, 120_000);
  afterAll(async () => await dispose());

  /** Runs `work` in a bulk transaction, recording each statement's text. */
  async function recorded<T>(work: (run: SqlRunner, copy: CopyRows) => Promise<T>) {
    const pool = pgPoolOf(database.prisma);
    if (!pool) throw new Error('no pg pool');
    const statements: string[] = [];
    const result = await inPgTransaction(
      pool,
      async (inner) => {
        const run = Object.assign(
          async <R>(sql: string, params?: readonly unknown[]) => {
            statements.push(sql);
            return await inner<R>(sql, params);
          },
          { copy: inner.copy },
        ) as SqlRunner;
        const copy: CopyRows = async (target, rows) => {
          statements.push(`COPY ${target}`);
          await (inner.copy as CopyRows)(target, rows);
        };
        return await work(run, copy);
      },
      60_000,
    );
    return { result, staged: statements.filter((sql) => sql.includes('CREATE TEMP TABLE')).length };
  }

  const key = (account: string, exchange: string, tradeId: string) => ({ account, exchange, tradeId });

  it('when the accounts hold no fills at the batch exchanges then nothing is staged and only the batch repeats are dropped', async () => {
    const rows = [
      key('a', 'coinbase', 't1'),
      key('a', 'coinbase', 't1'),
      key('b', 'kraken', 't1'),
      key('a', 'coinbase', 't2'),
    ];
    const { result, staged } = await recorded((run, copy) => freshFillIndexes(run, copy, rows));
    expect(result).toEqual([0, 2, 3]);
    expect(staged).toBe(0);
  });

  it('when an account holds fills at an exchange then its stored trade ids are dropped and the others kept', async () => {
    const stored = generatedFills(40, 5, { exchange: 'coinbase', ingestVia: 'IMPORT' });
    await recordFills(database.prisma, stored, { unknownOrderOrigin: 'IMPORT' });
    const first = stored[0] as NewFill;
    const rows = [
      key(first.account, 'coinbase', first.tradeId), // stored
      key(first.account, 'kraken', first.tradeId), // same id, another exchange: new
      key('nobody', 'coinbase', first.tradeId), // same id, another account: new
      key(first.account, 'coinbase', 'never-seen'),
      key(first.account, 'coinbase', 'never-seen'),
    ];
    const { result, staged } = await recorded((run, copy) => freshFillIndexes(run, copy, rows));
    expect(result).toEqual([1, 2, 3]);
    expect(staged).toBe(1);
  });

  it('when the orders accounts hold no order rows at their exchanges then none is looked up, else the stored row is found', async () => {
    const stored = generatedFills(40, 5, { exchange: 'coinbase', ingestVia: 'IMPORT' })[0] as NewFill;
    const elsewhere = { ...stored, exchange: 'kraken' };
    const none = await recorded((run, copy) => storedOrderIds(run, copy, [elsewhere]));
    expect(none.result.size).toBe(0);
    expect(none.staged).toBe(0);
    const found = await recorded((run, copy) => storedOrderIds(run, copy, [stored, elsewhere]));
    const [row] = await database.prisma.tradeRecord.findMany({
      where: { account: stored.account, exchange: 'coinbase', orderId: stored.orderId as string },
    });
    expect(found.staged).toBe(1);
    expect([...found.result]).toEqual([
      [orderRowKey(stored.account, 'coinbase', stored.orderId as string), row?.id],
    ]);
  });
});
