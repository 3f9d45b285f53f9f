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

  /** `otherHostLock`: the lock's path when the holder is on another host (its pid cannot be checked). */
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    otherHostLock?: string,
  ) {
    const where = otherHostLock === undefined ? '' : ` on host ${holder.host}`;
    const unsure =
      otherHostLock === undefined
        ? ''
        : ` (another machine or container: if it no longer runs there, delete ${otherHostLock})`;
    super(
      `the embedded database in ${dataDir}/pglite is in use by pid ${holder.pid}${where} (${holder.command}, since ${holder.since})${unsure}: ` +
        'it serves one process at a time. Stop that process first, or run every process on a PostgreSQL server (DATABASE_URL).',
    );
  }
}
