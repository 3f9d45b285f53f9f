import { randomBytes } from 'node:crypto';
import type { Database } from '@hookline/db';
import { migrateDatabase, openDatabase } from '@hookline/db';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';

/** The real infrastructure of a sighook test: Postgres (per file), Redis and a fresh key prefix (per test). */
export interface SighookInfrastructure {
  database(): Database;
  redis(): Redis;
  /** A Redis key prefix no other test uses (matrix keys and queues). */
  prefix(): string;
  /** Runs after the current test, in reverse order of registration. */
  onCleanup(cleanup: () => Promise<void>): void;
}

/** Registers the vitest hooks: a migrated database per file emptied before each test, Redis per test. */
export function useSighookInfrastructure(label: string): SighookInfrastructure {
  let testDatabase: TestDatabase | undefined;
  let database: Database | undefined;
  let redis: Redis | undefined;
  let prefix = '';
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase(label);
    const location = { databaseUrl: testDatabase.url, dataDir: '/nonexistent-not-used' };
    await migrateDatabase(location);
    database = await openDatabase(location);
  });
  beforeEach(async () => {
    const prisma = (database as Database).prisma;
    await prisma.fifoAllocation.deleteMany();
    await prisma.fill.deleteMany();
    await prisma.tradeRecord.deleteMany();
    await prisma.decision.deleteMany();
    await prisma.alert.deleteMany();
    await prisma.signalMatrix.deleteMany();
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    prefix = `sighook-${randomBytes(6).toString('hex')}`;
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await redis?.quit();
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });
  const open = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the sighook infrastructure is open only inside tests');
    return value;
  };
  return {
    database: () => open(database),
    redis: () => open(redis),
    prefix: () => prefix,
    onCleanup: (cleanup) => {
      cleanups.push(cleanup);
    },
  };
}
