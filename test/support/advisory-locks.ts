// Advisory locks as a test sees them. pg_locks lists the whole server's, and test files run side by
// side on one server, each in its own database: a test must only look at (and end) its own.
const OURS = `locktype = 'advisory' AND granted
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/** The sessions (pid) holding an advisory lock in the current database, one row per lock. */
export const ADVISORY_LOCK_HOLDERS = `SELECT pid FROM pg_locks WHERE ${OURS}`;

/** Ends every other session holding an advisory lock in the current database (a lost connection). */
export const END_ADVISORY_LOCK_HOLDERS = `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE ${OURS} AND pid <> pg_backend_pid()`;
