import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { findFreePort, infrastructureFailureOf } from '../src/index.js';

/** Error shapes as Prisma 7 (with @prisma/adapter-pg), pg and ioredis threw them in a real outage. */
const cases: Array<{ when: string; error: unknown; kind: string | undefined }> = [
  {
    when: 'Prisma cannot reach the server (P1001)',
    error: Object.assign(new Error('Invalid `prisma.alert.findMany()` invocation…'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P1001',
      meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } } },
    }),
    kind: 'database',
  },
  {
    when: 'the server terminates the connection (57P01 under P2010)',
    error: Object.assign(new Error('Raw query failed. Code: `57P01`.'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57P01' } } },
    }),
    kind: 'database',
  },
  {
    when: 'the pool times out (P2024)',
    error: Object.assign(new Error('Timed out fetching a new connection'), { code: 'P2024' }),
    kind: 'database',
  },
  { when: 'pg loses its socket', error: new Error('Connection terminated unexpectedly'), kind: 'database' },
  {
    when: 'Prisma cannot start',
    error: Object.assign(new Error('x'), { name: 'PrismaClientInitializationError' }),
    kind: 'database',
  },
  { when: 'ioredis lost its connection', error: new Error('Connection is closed.'), kind: 'redis' },
  { when: 'Redis is loading its data', error: new Error('LOADING Redis is loading'), kind: 'redis' },
  {
    when: 'a socket is refused (nested as a cause)',
    error: new Error('enqueue failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
    kind: 'network',
  },
  {
    when: 'a unique constraint is violated (P2002)',
    error: Object.assign(new Error('Unique constraint failed'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2002',
    }),
    kind: undefined,
  },
  {
    when: 'Prisma rejects a query (validation)',
    error: Object.assign(new Error('Argument missing'), { name: 'PrismaClientValidationError' }),
    kind: undefined,
  },
  {
    when: 'the column type is unsupported (P2010, not an outage)',
    error: Object.assign(new Error('Failed to deserialize'), {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'UnsupportedNativeDataType' } } },
    }),
    kind: undefined,
  },
  { when: 'the code has a bug', error: new TypeError('x is not a function'), kind: undefined },
  { when: 'something not an error is thrown', error: 'boom', kind: undefined },
];

describe('infrastructureFailureOf', () => {
  it.each(cases)('when $when then the kind is $kind', ({ error, kind }) => {
    expect(infrastructureFailureOf(error)).toBe(kind);
  });

  it('when pg connects to a closed port then the real error is a network failure', async () => {
    const port = await findFreePort();
    const client = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
    const error = await client.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(infrastructureFailureOf(error)).toBe('network');
  });

  it('when the server ends a pg session then the real error is a database failure', async () => {
    const victim = new pg.Client({ connectionString: inject('postgresUrl') });
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await Promise.all([victim.connect(), admin.connect()]);
    victim.on('error', () => undefined);
    const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    const error = await victim.query('SELECT 1').then(
      () => undefined,
      (failure: unknown) => failure,
    );
    await admin.end();
    expect(infrastructureFailureOf(error)).toBe('database');
  });

  it('when ioredis has no server then the real error is a redis failure', async () => {
    const port = await findFreePort();
    const redis = new Redis({ port, maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    redis.on('error', () => undefined);
    const error = await redis.get('k').then(
      () => undefined,
      (failure: unknown) => failure,
    );
    redis.disconnect();
    expect(infrastructureFailureOf(error)).toBeDefined();
  });
});
