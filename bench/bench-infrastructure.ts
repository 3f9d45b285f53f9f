// What the benchmarks that run the real service stand on: a private PostgreSQL (migrated) and a
// private redis-server on loopback, started for one run and stopped after it.
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import { hasPostgresBinaries, startLocalPostgres, startLocalRedis } from '@hookline/runtime';
import { Redis } from 'ioredis';

/** The running servers, an open database and a Redis client; stop() ends them all. */
export interface BenchInfrastructure {
  readonly postgresUrl: string;
  readonly redisUrl: string;
  readonly database: Database;
  readonly redis: Redis;
  /** Registers what stop() must end first (the service built on these servers). */
  onStop(stop: () => Promise<void>): void;
  /** Ends everything, the last registered first. */
  stop(): Promise<void>;
}

/** Starts PostgreSQL and Redis; on a failure, what already started is stopped again. */
export async function startBenchInfrastructure(): Promise<BenchInfrastructure> {
  if (!hasPostgresBinaries())
    throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql)');
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const postgres = await startLocalPostgres();
    stops.push(() => postgres.stop());
    await migrateDatabase({ databaseUrl: postgres.url, dataDir: '.' });
    const database = await openDatabase({ databaseUrl: postgres.url, dataDir: '.' });
    stops.push(() => database.close());
    const localRedis = await startLocalRedis();
    stops.push(() => localRedis.stop());
    const redis = new Redis(localRedis.url, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    stops.push(async () => {
      await redis.quit();
    });
    return {
      postgresUrl: postgres.url,
      redisUrl: localRedis.url,
      database,
      redis,
      onStop: (step) => void stops.push(step),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
