import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Found from this file, not from process.cwd(): the CLI, the apps and the tests run from different
// folders but must all use the repository's one schema and migrations folder.
const packageSourceDir = dirname(fileURLToPath(import.meta.url));

/** The repository root (this file lives in packages/db/src). */
export const repositoryRoot = resolve(packageSourceDir, '..', '..', '..');

/** `prisma/schema.prisma`: the source of truth for tables, columns and indexes. */
export const defaultSchemaPath = join(repositoryRoot, 'prisma', 'schema.prisma');

/** `prisma/migrations`: SQL migrations in Prisma's folder layout. */
export const defaultMigrationsDir = join(repositoryRoot, 'prisma', 'migrations');

/**
 * `prisma/views`: what schema.prisma cannot describe: SQL views for people who query the database, and
 * the functions and triggers that keep ledger_versions.
 */
export const defaultViewsDir = join(repositoryRoot, 'prisma', 'views');

/** Where the embedded database of a data directory lives. */
export function pgliteDirectory(dataDir: string): string {
  return join(dataDir, 'pglite');
}
