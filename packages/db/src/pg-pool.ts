// The pg Pool under a Prisma client opened on a PostgreSQL server. Bulk writes (imports of tens of
// thousands of fills) run on one of its connections directly: Prisma serialises every parameter of a
// raw query in JavaScript, which made those writes CPU-bound. PGlite clients have no pool.
import pg from 'pg';
import type { PrismaClient } from './generated/prisma/client.js';

const pools = new WeakMap<PrismaClient, pg.Pool>();

/** A pool for `connectionString`, to hand both to Prisma's adapter and to registerPgPool. */
export function createPgPool(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString });
}

/** Records that `prisma` runs on `pool` (openDatabase does it for server databases). */
export function registerPgPool(prisma: PrismaClient, pool: pg.Pool): void {
  pools.set(prisma, pool);
}

/** The pg Pool under `prisma`, or undefined when it runs on PGlite or was opened elsewhere. */
export function pgPoolOf(prisma: PrismaClient): pg.Pool | undefined {
  return pools.get(prisma);
}
