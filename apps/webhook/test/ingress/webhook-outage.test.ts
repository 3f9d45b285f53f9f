import { type Database, openDatabase } from '@hookline/db';
import { findFreePort } from '@hookline/runtime';
import { AlertIntakeStore, storeOf } from '@hookline/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hooklineBody } from './support/alert-bodies.js';
import { useIngressDatabase } from './support/ingress-harness.js';

const ingress = useIngressDatabase();

describe('POST /webhook while the database is down', () => {
  // A real PostgreSQL client pointed at a port where no server listens: the driver's own failure.
  let unreachable: Database;
  beforeAll(async () => {
    const port = await findFreePort('127.0.0.1');
    unreachable = await openDatabase({
      databaseUrl: `postgresql://hookline:wrong@127.0.0.1:${port}/gone`,
      dataDir: '/nonexistent-not-used',
    });
  });
  afterAll(async () => unreachable?.close());

  it.each([
    ['an alert', hooklineBody()],
    ['an oversized alert', `{"x":"${'y'.repeat(5000)}"}`],
  ])('when %s arrives then the answer is 503 with Retry-After and no driver text', async (_name, body) => {
    const subject = ingress({ store: new AlertIntakeStore(storeOf(unreachable.prisma), 'default') });

    const response = await subject.post(body);

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json).toEqual({
      error: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/^the (database|network) is unavailable; retry in 5 seconds$/),
      requestId: response.headers['x-request-id'],
    });
    expect(JSON.stringify(response.json)).not.toMatch(/prisma|ECONNREFUSED|127\.0\.0\.1|invocation|\.ts/i);
  });
});
