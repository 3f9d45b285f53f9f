import { startLocalPostgres, startLocalRedis } from '@hookline/runtime';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the real PostgreSQL server for this test run (tests create their own databases). */
    postgresUrl: string;
    /** URL of the real Redis server for this test run (tests use their own key prefixes / queue names). */
    redisUrl: string;
  }
}

/**
 * Starts a real PostgreSQL and a real Redis on loopback for the whole run, unless
 * TEST_POSTGRES_URL / TEST_REDIS_URL point at servers that already run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  let postgresUrl = process.env.TEST_POSTGRES_URL;
  if (!postgresUrl) {
    const postgres = await startLocalPostgres();
    stops.push(postgres.stop);
    postgresUrl = postgres.url;
  }
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const redis = await startLocalRedis();
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  project.provide('postgresUrl', postgresUrl);
  project.provide('redisUrl', redisUrl);
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
