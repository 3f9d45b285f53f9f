import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.js';
import { applyMigrations } from './migrations/apply-migrations.js';
import { readMigrations } from './migrations/migration-files.js';
import { defaultMigrationsDir } from './paths.js';
import { createPgPool, registerPgPool } from './pg-pool.js';
import { openMemoryPglite, openPglite } from './pglite.js';
import type { DatabaseLocation } from './sql/open-executor.js';
import { pgliteExecutor } from './sql/pglite-executor.js';

/** An open database: the Prisma client, which engine serves it, and how to close both. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: 'postgres' | 'pglite';
  /** Throws unless the database answers `SELECT 1` in time (for readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens Prisma on the server at `databaseUrl` (through @prisma/adapter-pg), or else on the embedded
 * PGlite in `${dataDir}/pglite`, created on first use. Run the migrations first (migrateDatabase).
 */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if (location.databaseUrl) {
    const pool = createPgPool(location.databaseUrl);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    registerPgPool(prisma, pool);
    const close = async () => {
      try {
        await prisma.$disconnect();
      } finally {
        await pool.end();
      }
    };
    return { prisma, kind: 'postgres', ping: () => pingOrThrow(prisma), close };
  }
  const embedded = await openPglite(location.dataDir);
  return pgliteDatabase(embedded.pglite, () => embedded.close());
}

// Prisma over an open PGlite; closing the database disconnects Prisma, then closes the PGlite.
function pgliteDatabase(pglite: PGlite, closePglite: () => Promise<void>): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: 'pglite',
    ping: () => pingOrThrow(prisma),
    close: async () => {
      try {
        await prisma.$disconnect();
      } finally {
        await closePglite();
      }
    },
  };
}

/**
 * A new embedded database in memory with every migration applied, gone when closed: a backtest's or a
 * replay's throwaway database. Nothing touches the disk (no folder, no lock), which makes each
 * statement several times cheaper than in a data directory's PGlite.
 */
export async function openMemoryDatabase(migrationsDir = defaultMigrationsDir): Promise<Database> {
  const migrations = await readMigrations(migrationsDir);
  const pglite = await openMemoryPglite();
  try {
    await applyMigrations(pgliteExecutor(pglite, false), migrations);
  } catch (error) {
    await pglite.close();
    throw error;
  }
  return pgliteDatabase(pglite, async () => {
    if (!pglite.closed) await pglite.close();
  });
}

/** The readiness answer for the database: reachable, and how long a round trip took. */
export type DatabasePing =
  | { readonly ok: true; readonly latencyMs: number }
  | { readonly ok: false; readonly error: string };

/** Runs `SELECT 1` for /readyz; never throws, and gives up after `timeoutMs`. */
export async function pingDatabase(prisma: PrismaClient, timeoutMs = 2_000): Promise<DatabasePing> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([prisma.$queryRaw`SELECT 1`, timeout]);
    return { ok: true, latencyMs: performance.now() - started };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function pingOrThrow(prisma: PrismaClient): Promise<void> {
  const ping = await pingDatabase(prisma);
  if (!ping.ok) throw new Error(`Database is not answering: ${ping.error}`);
}
