import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pgliteDirectory } from '@hookline/db';
import { SignalsUnavailableError } from './signals-unavailable-error.js';

/**
 * Refuses to open the embedded database of `dataDir` when it does not exist (nothing has computed a
 * matrix there; opening would create an empty one) or when another process has it open. PGlite
 * serves one process, and two processes on one folder corrupt it. PGlite writes `postmaster.pid` when
 * it opens the folder and removes it when it closes, so the file means "open elsewhere" (or left over
 * from a process that was killed; PGlite clears it the next time it opens and closes the folder).
 */
export function assertEmbeddedDatabaseFree(dataDir: string): void {
  const directory = pgliteDirectory(dataDir);
  if (!existsSync(join(directory, 'PG_VERSION'))) {
    throw new SignalsUnavailableError(
      `no embedded database in ${directory}: no matrix has been computed with DATA_DIR=${dataDir} yet ` +
        '(run `pnpm hookline start`, or set REDIS_URL / DATABASE_URL to those of the running services)',
    );
  }
  if (existsSync(join(directory, 'postmaster.pid'))) {
    throw new SignalsUnavailableError(
      `the embedded database in ${directory} is in use by another process (a running \`pnpm hookline start\`?): ` +
        'PGlite serves one process only. Read the running matrix through Redis (set REDIS_URL to the ' +
        "services' Redis) or run the services on a Postgres server (DATABASE_URL). If no Hookline process " +
        'is running, the lock was left by one that was killed: any command that opens the database ' +
        '(e.g. `pnpm hookline ledger verify`) clears it.',
    );
  }
}
