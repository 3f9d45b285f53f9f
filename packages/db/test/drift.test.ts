import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/databases.js';
import { checkDrift } from '../src/index.js';
import { defaultSchemaPath } from '../src/paths.js';
import { openSqlExecutor } from '../src/sql/open-executor.js';

async function realSchema(): Promise<string> {
  return readFile(defaultSchemaPath, 'utf8');
}

/** Plants a change inside a model of the schema text, failing loudly if the anchor moved. */
function plant(schema: string, anchor: string, replacement: string): string {
  if (!schema.includes(anchor)) throw new Error(`anchor not found in schema.prisma: ${anchor}`);
  return schema.replace(anchor, replacement);
}

describe('drift between prisma/migrations and prisma/schema.prisma', () => {
  it('when the real migrations are compared with the real schema then there is no difference', async () => {
    expect(await checkDrift()).toEqual([]);
  }, 60_000);

  it('when the schema has a column and an index no migration creates then both are reported', async () => {
    let schema = plant(
      await realSchema(),
      '  hodl            Boolean',
      '  note String?\n  hodl            Boolean',
    );
    schema = plant(schema, '  @@index([buyFillId])', '  @@index([buyFillId])\n  @@index([kind, sellTime])');

    const differences = await checkDrift({ schema });

    expect(differences).toContain('only in schema.prisma: column position_state.note text NULL');
    expect(differences).toContainEqual(
      expect.stringMatching(
        /^only in schema\.prisma: index fifo_allocations_kind_sell_time_idx: CREATE INDEX/,
      ),
    );
    expect(differences).toHaveLength(2);
  }, 60_000);

  it('when the schema lost a unique key the migrations create then it is reported on the migrations side', async () => {
    const schema = plant(await realSchema(), '  @@unique([account, exchange, tradeId])\n', '');

    const differences = await checkDrift({ schema });

    expect(differences).toContainEqual(
      expect.stringMatching(
        /^only in the migrated database: index fills_account_exchange_trade_id_key: CREATE UNIQUE/,
      ),
    );
  }, 60_000);

  it('when both databases are built on the PostgreSQL server then there is no difference either', async () => {
    const openEmptyDatabase = async () => {
      const database = await createTestDatabase('drift');
      const executor = await openSqlExecutor({ databaseUrl: database.url, dataDir: '' });
      const close = async () => {
        await executor.close();
        await database.drop();
      };
      return { ...executor, close };
    };

    expect(await checkDrift({ openEmptyDatabase })).toEqual([]);
  }, 60_000);
});
