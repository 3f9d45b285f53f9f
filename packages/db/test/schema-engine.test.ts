import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../src/schema-engine.js';

const header = 'datasource db {\n  provider = "postgresql"\n}\n\n';
const model = (fields: string) => `${header}model Lot {\n  id Int @id\n${fields}\n  @@map("lots")\n}\n`;

describe('diffSchemas (the WASM schema engine, no database)', () => {
  it('when a Decimal column is @db.Decimal without arguments then the column is unconstrained NUMERIC', async () => {
    const sql = await diffSchemas(null, model('  size Decimal @db.Decimal\n  cost Decimal'));

    expect(sql).toContain('"size" DECIMAL NOT NULL');
    // Without @db.Decimal Prisma would fix the scale at 30 digits, which is why the schema never does that.
    expect(sql).toContain('"cost" DECIMAL(65,30) NOT NULL');
  }, 60_000);

  it('when one schema adds an index to the other then the diff creates just that index', async () => {
    const before = model('  owner String');
    const after = model('  owner String\n\n  @@index([owner])');

    const sql = await diffSchemas(before, after);

    expect(sql.trim()).toBe('-- CreateIndex\nCREATE INDEX "lots_owner_idx" ON "lots"("owner");');
  }, 60_000);

  it('when the schema is invalid then the engine error says where', async () => {
    await expect(diffSchemas(null, `${header}model Broken {\n  id Nope @id\n}\n`)).rejects.toThrow(/Nope/);
  }, 60_000);
});
