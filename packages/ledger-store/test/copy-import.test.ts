import type { Database, PrismaClient } from '@hookline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NewFill, type RecordFillsResult, recordFills } from '../src/index.js';
import { generatedFills } from './support/generated-fills.js';
import { migratedDatabase } from './support/ledger-database.js';

// The bulk path (COPY on one raw pg connection) must store exactly what the live path (Prisma's
// interactive transaction, the same statements with array parameters) stores for the same input.
describe('recordFills by COPY against the Prisma path', () => {
  const databases: { database: Database; dispose(): Promise<void> }[] = [];
  beforeAll(async () => {
    databases.push(await migratedDatabase('postgres'), await migratedDatabase('postgres'));
  }, 120_000);
  afterAll(async () => {
    for (const { dispose } of databases) await dispose();
  });

  const first = withAwkwardRows(generatedFills(2_000, 21, { exchange: 'coinbase', ingestVia: 'IMPORT' }));
  // Overlaps the first batch (duplicates) and goes on with later fills of the same books.
  const second = generatedFills(3_000, 21, { exchange: 'coinbase', ingestVia: 'IMPORT' }).slice(1_500);
  // A history from before everything stored (a late backfill): every book it touches is recomputed.
  const late = generatedFills(700, 99, { exchange: 'coinbase', ingestVia: 'IMPORT' }).map((fill) => ({
    ...fill,
    tradeId: `late-${fill.tradeId}`,
    orderId: `late-${fill.orderId}`,
    executedAt: new Date(fill.executedAt.getTime() - 20 * 365 * 86_400_000),
    receivedAt: fill.receivedAt,
  }));

  it.each([
    ['a first import', [first]],
    ['a second, overlapping import', [second]],
    ['a late history that recomputes the books', [late]],
  ])(
    'when %s runs on both paths then they store the same rows',
    async (_name, [batch]) => {
      const [copied, live] = databases.map(({ database }) => database.prisma);
      if (!copied || !live || !batch) throw new Error('setup failed');
      const viaCopy = await recordFills(copied, batch, { unknownOrderOrigin: 'IMPORT' });
      // An extended client is not registered with a pg pool: recordFills takes the Prisma path.
      const viaPrisma = await recordFills(live.$extends({}) as unknown as PrismaClient, batch, {
        unknownOrderOrigin: 'IMPORT',
        timeoutMs: 300_000,
      });
      expect(withoutFillIds(viaCopy)).toEqual(withoutFillIds(viaPrisma));
      if (batch === late) expect(viaCopy.recomputedBooks).toBeGreaterThan(0);
      expect(await storedRows(copied)).toEqual(await storedRows(live));
    },
    600_000,
  );

  it('when the same fills are imported again by COPY then nothing is inserted and no row changes', async () => {
    const copied = databases[0]?.database.prisma;
    if (!copied) throw new Error('setup failed');
    const before = await storedRows(copied);
    const all = [...first, ...second, ...late];
    const result = await recordFills(copied, all, { unknownOrderOrigin: 'IMPORT' });
    expect(result).toMatchObject({ inserted: 0, duplicates: all.length, allocations: 0 });
    expect(await storedRows(copied)).toEqual(before);
  }, 300_000);
});

/** A result with its warnings' generated fill ids left out (the rows compare them by trade id). */
function withoutFillIds(result: RecordFillsResult): unknown {
  return {
    ...result,
    warnings: result.warnings.map(({ code, account, symbol, quantity }) => ({
      code,
      account,
      symbol,
      quantity,
    })),
  };
}

/** Rows COPY's text format must escape, optional columns set, and a duplicate inside the batch. */
function withAwkwardRows(fills: NewFill[]): NewFill[] {
  const [a, b, c] = fills;
  if (!a || !b || !c) throw new Error('too few fills');
  const awkward: NewFill[] = [
    { ...a, tradeId: 'tab\there\\back\nline\rcr', clientOrderId: 'client\\N' },
    { ...b, liquidity: 'MAKER', clientOrderId: 'c-1' },
    { ...c, orderId: null },
  ];
  return [...awkward, ...fills.slice(3), { ...fills[10], tradeId: fills[10]?.tradeId ?? '' } as NewFill];
}

/**
 * Every ledger row with generated ids and timestamps replaced by the natural keys they stand for.
 * arrival_seq compares as a rank: ON CONFLICT draws a sequence value for a duplicate too, COPY of
 * only the new fills does not, so the numbers differ in their gaps and never in their order.
 */
async function storedRows(prisma: PrismaClient): Promise<unknown[][]> {
  const query = async (sql: string) =>
    (await prisma.$queryRawUnsafe<{ row: unknown }[]>(sql)).map((r) => r.row);
  return [
    await query(
      `SELECT to_jsonb(f) - 'id' - 'trade_record_id' - 'created_at' - 'arrival_seq'
         || jsonb_build_object('order', t.order_id, 'arrival', row_number() OVER (ORDER BY f.arrival_seq)) AS row
       FROM fills f LEFT JOIN trade_records t ON t.id = f.trade_record_id ORDER BY f.arrival_seq`,
    ),
    await query(
      `SELECT to_jsonb(a) - 'id' - 'sell_fill_id' - 'buy_fill_id' - 'created_at'
         || jsonb_build_object('sell', s.trade_id, 'buy', b.trade_id,
                               'id', replace(a.id, coalesce(a.sell_fill_id, ''), coalesce(s.trade_id, ''))) AS row
       FROM fifo_allocations a LEFT JOIN fills s ON s.id = a.sell_fill_id LEFT JOIN fills b ON b.id = a.buy_fill_id
       ORDER BY s.arrival_seq, a.slice_index`,
    ),
    await query(
      `SELECT to_jsonb(t) - 'id' - 'created_at' - 'updated_at' AS row
       FROM trade_records t ORDER BY account, exchange, order_id`,
    ),
  ];
}
