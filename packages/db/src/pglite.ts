import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { lockEmbeddedDatabase } from './lock/embedded-database-lock.js';
import { pgliteDirectory } from './paths.js';

/** An embedded database this process owns: close() shuts PGlite down and releases the lock. */
export interface OwnedPglite {
  readonly pglite: PGlite;
  close(): Promise<void>;
}

/**
 * Opens (creating on first use) the embedded PostgreSQL of a data directory, in `${dataDir}/pglite`.
 * PGlite serves one process: two processes on one folder corrupt it, so the opener first takes the
 * folder's lock (`${dataDir}/pglite.lock`) and a second process is refused naming the holder
 * (EmbeddedDatabaseInUseError). Several processes need a server (DATABASE_URL).
 */
export async function openPglite(dataDir: string): Promise<OwnedPglite> {
  const directory = pgliteDirectory(dataDir);
  await mkdir(directory, { recursive: true });
  const release = lockEmbeddedDatabase(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(directory);
  } catch (error) {
    release();
    throw error;
  }
  return {
    pglite,
    close: async () => {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
  };
}

/** A throwaway embedded PostgreSQL in memory (drift checks, shadow databases). */
export function openMemoryPglite(): Promise<PGlite> {
  return PGlite.create();
}
