import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from './support/databases.js';

describe('test infrastructure', () => {
  it('when the run starts then a real PostgreSQL server answers', async () => {
    const database = await createTestDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const result = await client.query<{ version: string }>('select version()');
    await client.end();
    await database.drop();
    expect(result.rows[0]?.version).toMatch(/PostgreSQL/);
  });

  it('when the run starts then a real Redis server answers', async () => {
    const redis = new Redis(inject('redisUrl'));
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });
});
