/**
 * The few operations the migration runner, the drift check and the catalog snapshot need, with one
 * implementation over a PostgreSQL server (`pg`) and one over embedded PGlite. Both hold exactly one
 * session, so `BEGIN`/`COMMIT` sent through `exec` and session advisory locks behave as on a connection.
 */
export interface SqlExecutor {
  /** Which engine runs the SQL. */
  readonly kind: 'postgres' | 'pglite';
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
  /** Runs one or more statements without parameters (simple query protocol). */
  exec(script: string): Promise<void>;
  /** Ends the session (and, for PGlite, shuts the embedded database down). */
  close(): Promise<void>;
}

/** The fields PostgreSQL puts on an error, as both `pg` and PGlite expose them. */
interface PostgresErrorFields {
  message?: unknown;
  code?: unknown;
  detail?: unknown;
  hint?: unknown;
  where?: unknown;
}

/** One line describing a database error: SQLSTATE, message, detail and hint when present. */
export function describeSqlError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const fields = error as PostgresErrorFields;
  const parts = [typeof fields.code === 'string' ? `${fields.code}: ${error.message}` : error.message];
  if (typeof fields.detail === 'string' && fields.detail) parts.push(`detail: ${fields.detail}`);
  if (typeof fields.hint === 'string' && fields.hint) parts.push(`hint: ${fields.hint}`);
  return parts.join('; ');
}
