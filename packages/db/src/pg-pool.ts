// The pg Pool under a Prisma client opened on a PostgreSQL server. Bulk writes (imports of tens of
// thousands of fills) run on one of its connections directly: Prisma serialises every parameter of a
// raw query in JavaScript, which made those writes CPU-bound. PGlite clients have no pool.
import pg from 'pg';
import type { PrismaClient } from './generated/prisma/client.js';

const pools = new WeakMap<PrismaClient, pg.Pool>();

/** A pool for `connectionString`, to hand both to Prisma's adapter and to registerPgPool. */
export function createPgPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  // An idle connection that breaks (the server restarted, the network cut) is dropped by the pool and
  // the next query opens a new one, which meets the outage itself if it lasts. Without a listener the
  // pool's 'error' event would crash the process; Prisma's adapter adds its own only once it connects,
  // and the raw paths (ingress's group commit, bulk imports) may use the pool before that.
  pool.on('error', () => undefined);
  return pool;
}

/** Records that `prisma` runs on `pool` (openDatabase does it for server databases). */
export function registerPgPool(prisma: PrismaClient, pool: pg.Pool): void {
  pools.set(prisma, pool);
}

/** The pg Pool under `prisma`, or undefined when it runs on PGlite or was opened elsewhere. */
export function pgPoolOf(prisma: PrismaClient): pg.Pool | undefined {
  return pools.get(prisma);
}
