import { openPglite } from '../pglite.js';
import { pgliteExecutor } from './pglite-executor.js';
import { openPostgresExecutor } from './postgres-executor.js';
import type { SqlExecutor } from './sql-executor.js';

/** Where a database is: a server URL, or else the embedded PGlite in the data directory. */
export interface DatabaseLocation {
  /** A `postgresql://` URL; when absent the embedded database in `dataDir` is used. */
  readonly databaseUrl?: string | undefined;
  /** Hookline's data directory (the embedded database lives in `${dataDir}/pglite`). */
  readonly dataDir: string;
}

/** Opens a single SQL session on the server at `databaseUrl`, or on the data directory's PGlite. */
export async function openSqlExecutor(location: DatabaseLocation): Promise<SqlExecutor> {
  if (location.databaseUrl) return openPostgresExecutor(location.databaseUrl);
  const embedded = await openPglite(location.dataDir);
  return { ...pgliteExecutor(embedded.pglite, false), close: () => embedded.close() };
}
