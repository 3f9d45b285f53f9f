import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pgliteDirectory } from '@hookline/db';
import { SignalsUnavailableError } from './signals-unavailable-error.js';

/**
 * Refuses to open the embedded database of `dataDir` when it does not exist: nothing has computed a
 * matrix there, and opening would create an empty one. (A database another process holds is refused
 * by its lock, naming the holder; `signals` asks the running server first.)
 */
export function assertEmbeddedDatabaseExists(dataDir: string): void {
  const directory = pgliteDirectory(dataDir);
  if (!existsSync(join(directory, 'PG_VERSION'))) {
    throw new SignalsUnavailableError(
      `no embedded database in ${directory}: no matrix has been computed with DATA_DIR=${dataDir} yet ` +
        '(run `pnpm hookline start`, or set REDIS_URL / DATABASE_URL to those of the running services)',
    );
  }
}
