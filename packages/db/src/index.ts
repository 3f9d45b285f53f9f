// @hookline/db: the Prisma client over PostgreSQL or embedded PGlite, the migration runner and the
// migration tooling (WASM schema engine, drift check).

export { type Database, openDatabase, openMemoryDatabase } from './client.js';
export { checkDrift } from './drift.js';
export type {
  Alert,
  Decision,
  FifoAllocation,
  Fill,
  PositionState,
  PrismaClient,
  SignalMatrix,
  TradeRecord,
  Transfer,
} from './generated/prisma/client.js';
export { Prisma } from './generated/prisma/client.js';
/** Enums of schema.prisma, each a const object and a union type (Side, OrderStatus, Trigger, …). */
export * from './generated/prisma/enums.js';
export { EmbeddedDatabaseInUseError, type LockHolder } from './lock/embedded-database-in-use-error.js';
export { embeddedDatabaseHolder, embeddedDatabaseLockPath } from './lock/embedded-database-lock.js';
export { createMigration } from './migrations/create-migration.js';
export { migrateDatabase } from './migrations/migrate-database.js';
export { MigrationError } from './migrations/migration-error.js';
export { defaultMigrationsDir, pgliteDirectory } from './paths.js';
export { pgPoolOf } from './pg-pool.js';
