import type { Database } from '@hookline/db';
import { migrateDatabase, openDatabase } from '@hookline/db';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createTestDatabase, type TestDatabase } from './databases.js';

/** A migrated database per test file, its tables emptied before each test, and per-test cleanups. */
export interface PerFileDatabase {
  /** The open database (valid inside tests and hooks). */
  database(): Database;
  /** Its connection string (another process's view of the same database: open a second pool on it). */
  url(): string;
  /** Runs after the current test, in reverse order of registration. */
  onCleanup(cleanup: () => Promise<void>): void;
}

/** Registers the vitest hooks of a per-file database named after `label`. */
export function usePerFileDatabase(label: string): PerFileDatabase {
  let testDatabase: TestDatabase | undefined;
  let database: Database | undefined;
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
    await prisma.exit.deleteMany();
    await prisma.decision.deleteMany();
    await prisma.alert.deleteMany();
    await prisma.signalMatrix.deleteMany();
    await prisma.positionState.deleteMany();
    await prisma.sentinelMemory.deleteMany();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });
  return {
    database: () => {
      if (!database) throw new Error('the per-file database is open only inside tests');
      return database;
    },
    url: () => {
      if (!testDatabase) throw new Error('the per-file database exists only inside tests');
      return testDatabase.url;
    },
    onCleanup: (cleanup) => {
      cleanups.push(cleanup);
    },
  };
}
