// @hookline/db: the Prisma client over PostgreSQL or embedded PGlite, the migration runner and the
// migration tooling (WASM schema engine, drift check).

export { snapshotCatalog } from './catalog-snapshot.js';
export { type Database, type DatabasePing, openDatabase, pingDatabase } from './client.js';
export { checkDrift, compareSnapshots, type DriftCheckOptions } from './drift.js';
export type {
  Alert,
  Decision,
  FifoAllocation,
  Fill,
  PositionState,
  PrismaClient,
  SignalMatrix,
  TradeRecord,
} from './generated/prisma/client.js';
export { Prisma } from './generated/prisma/client.js';
/** Enums of schema.prisma, each a const object and a union type (Side, OrderStatus, Trigger, …). */
export * from './generated/prisma/enums.js';
export { applyMigrations, type MigrationRunResult } from './migrations/apply-migrations.js';
export {
  type CreatedMigration,
  type CreateMigrationOptions,
  createMigration,
  type MigrationClock,
} from './migrations/create-migration.js';
export { type MigrateDatabaseOptions, migrateDatabase } from './migrations/migrate-database.js';
export { MigrationError, type MigrationErrorCode } from './migrations/migration-error.js';
export { type MigrationFile, migrationChecksum, readMigrations } from './migrations/migration-files.js';
export { defaultMigrationsDir, defaultSchemaPath, pgliteDirectory } from './paths.js';
export { diffMigrationsToSchema, diffSchemas, type MigrationDiff } from './schema-engine.js';
export { type DatabaseLocation, openSqlExecutor } from './sql/open-executor.js';
export type { SqlExecutor } from './sql/sql-executor.js';
