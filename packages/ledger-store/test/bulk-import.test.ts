import type { Database } from '@hookline/db';
import { type LedgerFill, recompute, toAllocationRecord } from '@hookline/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFills, verifyStoredLedger } from '../src/index.js';
import { toAllocation } from '../src/row-mapping.js';
import { generatedFills } from './support/generated-fills.js';
import { migratedDatabase } from './support/ledger-database.js';

// Batches this large take the bulk path (one raw pg connection); these tests pin that it stores
// exactly what the pure engine computes and that a replay stores nothing.
describe('recordFills bulk path on postgres', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await migratedDatabase('postgres'));
  }, 120_000);
  afterAll(async () => dispose());

  const fills = generatedFills(20_000, 11, { exchange: 'coinbase', ingestVia: 'IMPORT' });

  it('when 20k fills are imported then the stored allocations equal the pure engine run on the input order', async () => {
    const result = await recordFills(database.prisma, fills, { unknownOrderOrigin: 'IMPORT' });
    expect(result).toMatchObject({ inserted: fills.length, duplicates: 0, recomputedBooks: 0 });
    const stored = await database.prisma.fill.findMany({ select: { id: true, tradeId: true } });
    const idOf = new Map(stored.map((row) => [row.tradeId, row.id]));
    // The engine's rule: arrival order is the input order.
    const ledgerFills: LedgerFill[] = fills.map((fill, index) => ({
      ...fill,
      id: idOf.get(fill.tradeId) ?? '',
      feeUsd: fill.feeUsd ?? null,
      sequence: index,
    }));
    const expected = recompute(ledgerFills, {}).allocations.map((row) =>
      JSON.stringify(toAllocationRecord(row)),
    );
    const actual = (await database.prisma.fifoAllocation.findMany())
      .map(toAllocation)
      .map((row) => JSON.stringify(toAllocationRecord(row)));
    expect(result.allocations).toBe(expected.length);
    expect(actual.sort()).toEqual(expected.sort());
    const errors = (await verifyStoredLedger(database.prisma)).filter((v) => v.severity === 'error');
    expect(errors).toEqual([]);
  }, 300_000);

  it('when the same 20k fills are imported again then nothing is inserted and nothing changes', async () => {
    const countsBefore = await counts(database);
    const result = await recordFills(database.prisma, fills, { unknownOrderOrigin: 'IMPORT' });
    expect(result).toMatchObject({ inserted: 0, duplicates: fills.length, allocations: 0 });
    expect(await counts(database)).toEqual(countsBefore);
  }, 300_000);

  it('when a bulk batch fails midway then nothing of it is stored', async () => {
    const countsBefore = await counts(database);
    const more = generatedFills(1_000, 12, { exchange: 'kraken', ingestVia: 'IMPORT' });
    // The last fill breaks a NOT NULL column: order rows and earlier statements were already run.
    const last = { ...more[999], feeCurrency: null } as unknown as (typeof more)[number];
    const broken = [...more.slice(0, 999), last];
    await expect(recordFills(database.prisma, broken, { unknownOrderOrigin: 'IMPORT' })).rejects.toThrow();
    expect(await counts(database)).toEqual(countsBefore);
  }, 300_000);
});

async function counts(database: Database): Promise<Record<string, number>> {
  return {
    fills: await database.prisma.fill.count(),
    allocations: await database.prisma.fifoAllocation.count(),
    orders: await database.prisma.tradeRecord.count(),
  };
}
