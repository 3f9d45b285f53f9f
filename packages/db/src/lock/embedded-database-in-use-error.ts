/** Who holds an embedded database's lock. */
export interface LockHolder {
  readonly pid: number;
  /** The holder's command line, e.g. `hookline start`. */
  readonly command: string;
  /** When it took the lock (ISO 8601). */
  readonly since: string;
  readonly host: string;
  /** The holder's start time in clock ticks since boot, to tell a reused pid (Linux only). */
  readonly startTicks?: string;
}

/**
 * The embedded database is open in another running process. The message is one line for the
 * operator: who holds it, and what to do.
 */
export class EmbeddedDatabaseInUseError extends Error {
  override readonly name = 'EmbeddedDatabaseInUseError';

  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the embedded database in ${dataDir}/pglite is in use by pid ${holder.pid} (${holder.command}, since ${holder.since}): ` +
        'it serves one process at a time. Stop that process first, or run every process on a PostgreSQL server (DATABASE_URL).',
    );
  }
}
