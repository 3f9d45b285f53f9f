import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDirectory } from './paths.js';

/**
 * Opens (creating on first use) the embedded PostgreSQL of a data directory, in `${dataDir}/pglite`.
 * PGlite serves one process: two processes on one folder corrupt it, so several processes need a server.
 */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const directory = pgliteDirectory(dataDir);
  await mkdir(directory, { recursive: true });
  return PGlite.create(directory);
}

/** A throwaway embedded PostgreSQL in memory (drift checks, shadow databases). */
export function openMemoryPglite(): Promise<PGlite> {
  return PGlite.create();
}
