import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import { createTestDatabase } from '../../../../test/support/databases.js';

/** Which database engines the store's tests run on: the real server and the embedded default. */
export const engines = ['postgres', 'pglite'] as const;

/** A migrated, empty database of the given kind; dispose() closes and removes it. */
export async function migratedDatabase(
  kind: (typeof engines)[number],
): Promise<{ database: Database; url?: string; dispose(): Promise<void> }> {
  if (kind === 'postgres') {
    const server = await createTestDatabase('ledger');
    await migrateDatabase({ databaseUrl: server.url, dataDir: tmpdir() });
    const database = await openDatabase({ databaseUrl: server.url, dataDir: tmpdir() });
    return {
      database,
      url: server.url,
      dispose: async () => {
        await database.close();
        await server.drop();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'hookline-ledger-'));
  await migrateDatabase({ dataDir });
  const database = await openDatabase({ dataDir });
  return {
    database,
    dispose: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
