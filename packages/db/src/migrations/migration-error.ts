/** Why migrating, or creating a migration, stopped: a closed set with stable codes. */
export type MigrationErrorCode =
  | 'MIGRATION_FAILED'
  | 'MIGRATION_MODIFIED'
  | 'MIGRATION_UNRESOLVED'
  | 'MIGRATION_FILE_MISSING'
  | 'PROVIDER_MISMATCH'
  | 'DATABASE_NOT_EMPTY'
  | 'LOCK_TIMEOUT'
  | 'NO_SCHEMA_CHANGE'
  | 'INVALID_MIGRATION_NAME';

/** An error of the migration tooling, with the migration it concerns when there is one. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';

  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly migrationName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
