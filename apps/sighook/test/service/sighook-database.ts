import { randomBytes } from 'node:crypto';
import type { Database } from '@hookline/db';
import { Redis } from 'ioredis';
import { beforeEach, inject } from 'vitest';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';

/** The real infrastructure of a sighook test: Postgres (per file), Redis and a fresh key prefix (per test). */
export interface SighookInfrastructure {
  database(): Database;
  redis(): Redis;
  /** A Redis key prefix no other test uses (matrix keys and queues). */
  prefix(): string;
  /** Runs after the current test, in reverse order of registration. */
  onCleanup(cleanup: () => Promise<void>): void;
}

/** The shared per-file database (emptied before each test) plus a Redis connection and prefix per test. */
export function useSighookInfrastructure(label: string): SighookInfrastructure {
  const perFile = usePerFileDatabase(label);
  let redis: Redis | undefined;
  let prefix = '';

  beforeEach(() => {
    const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    redis = connection;
    prefix = `sighook-${randomBytes(6).toString('hex')}`;
    // Registered first, so it runs last: the test's own cleanups may still need Redis.
    perFile.onCleanup(async () => {
      await connection.quit();
    });
  });
  return {
    database: () => perFile.database(),
    redis: () => {
      if (redis === undefined) throw new Error('the sighook infrastructure is open only inside tests');
      return redis;
    },
    prefix: () => prefix,
    onCleanup: (cleanup) => perFile.onCleanup(cleanup),
  };
}
