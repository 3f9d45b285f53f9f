import { dec } from '@hookline/core';
import type { Database } from '@hookline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NewFill, recomputeStoredLedger, recordFills, verifyStoredLedger } from '../src/index.js';
import { generatedFills } from './support/generated-fills.js';
import { migratedDatabase } from './support/ledger-database.js';

describe('stored ledger: incremental, recompute and verify agree', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await migratedDatabase('postgres'));
  }, 60_000);
  afterAll(async () => dispose());

  it('when fills arrive in small batches, some late, then recompute changes nothing and verify is clean', async () => {
    const fills = generatedFills(600, 5, { exchange: 'coinbase', ingestVia: 'REST' });
    // Batches of 25, every fifth batch held back and delivered after the next (a late REST backfill).
    const batches: NewFill[][] = [];
    for (let start = 0; start < fills.length; start += 25) batches.push(fills.slice(start, start + 25));
    for (let index = 0; index < batches.length; index += 1) {
      if (index % 5 === 0 && batches[index + 1]) {
        await recordFills(database.prisma, batches[index + 1] ?? []);
        await recordFills(database.prisma, batches[index] ?? []);
        index += 1;
      } else await recordFills(database.prisma, batches[index] ?? []);
    }
    const before = await verifyStoredLedger(database.prisma);
    expect(before.filter((violation) => violation.severity === 'error')).toEqual([]);
    const books = await recomputeStoredLedger(database.prisma);
    expect(books.filter((book) => book.changed)).toEqual([]);
    expect((await verifyStoredLedger(database.prisma)).filter((v) => v.severity === 'error')).toEqual([]);
  }, 120_000);

  it('when a stored allocation or order aggregate is tampered with then verify names it', async () => {
    const allocation = await database.prisma.fifoAllocation.findFirstOrThrow({ where: { kind: 'SELL' } });
    await database.prisma.fifoAllocation.update({
      where: { id: allocation.id },
      data: { pnlUsd: allocation.pnlUsd.plus(1) },
    });
    const sell = await database.prisma.tradeRecord.findFirstOrThrow({ where: { side: 'SELL' } });
    await database.prisma.tradeRecord.update({
      where: { id: sell.id },
      data: { filledSize: dec('999').toString() },
    });
    const errors = (await verifyStoredLedger(database.prisma)).filter(
      (violation) => violation.severity === 'error',
    );
    expect(errors.map((error) => error.rule)).toEqual(
      expect.arrayContaining(['ROW_ARITHMETIC', 'RECOMPUTE_MISMATCH']),
    );
    expect(errors.map((error) => error.message).join('\n')).toContain(
      `trade_records ${sell.id}: filled_size is 999`,
    );
  });
});
