import { createLogger } from '@hookline/runtime';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, READ_TOKEN, useApiHarness } from './api-harness.js';

const READS = ['/api/positions', '/api/risk', '/metrics', '/openapi.json'] as const;

const harness = useApiHarness();

describe('credentials on every read', () => {
  it.each(READS)('when %s is read without a token then the answer is 401', async (url) => {
    const { get } = await harness();

    const answer = await get(url, null);

    expect(answer.statusCode).toBe(401);
    expect(answer.json).toEqual({
      error: 'a valid "Authorization: Bearer <READ_TOKEN or ADMIN_TOKEN>" header is required',
      requestId: answer.headers['x-request-id'],
    });
  });

  it.each(READS)('when %s is read with a wrong token then the answer is 401', async (url) => {
    const { get } = await harness();

    expect((await get(url, `${READ_TOKEN}x`)).statusCode).toBe(401);
  });

  it.each(READS)('when %s is read with the read or the admin token then it answers 200', async (url) => {
    const { get } = await harness();

    expect((await get(url, READ_TOKEN)).statusCode).toBe(200);
    expect((await get(url, ADMIN_TOKEN)).statusCode).toBe(200);
  });

  it('when the read token is used on an admin route then the answer is 403 and nothing changes', async () => {
    const { admin, controls } = await harness();

    const answer = await admin('/api/admin/halt', {}, READ_TOKEN);

    expect(answer.statusCode).toBe(403);
    expect(answer.json.error).toMatch(/read token may read but not act/);
    expect((await controls.snapshot()).tradingState).toBe('ACTIVE');
  });

  it('when neither READ_TOKEN nor ADMIN_TOKEN is configured then reads are refused naming both keys', async () => {
    const { get } = await harness({ readToken: undefined, adminToken: undefined });

    const answer = await get('/api/positions', 'anything-at-all-0123456789');

    expect(answer.statusCode).toBe(403);
    expect(answer.json.error).toMatch(/READ_TOKEN.*ADMIN_TOKEN.*HOOKLINE_OPEN_READS=loopback/);
  });

  it('when reads are open to loopback then 127.0.0.1 and ::1 read without a token and others still need one', async () => {
    const { app } = await harness({ readToken: undefined, env: { HOOKLINE_OPEN_READS: 'loopback' } });
    const read = (remoteAddress: string) =>
      app.inject({ method: 'GET', url: '/api/positions', remoteAddress });

    expect((await read('127.0.0.1')).statusCode).toBe(200);
    expect((await read('::1')).statusCode).toBe(200);
    expect((await read('::ffff:127.0.0.1')).statusCode).toBe(200);
    expect((await read('10.0.0.5')).statusCode).toBe(401);
    // A forwarded header never makes a remote client loopback.
    const forwarded = await app.inject({
      method: 'GET',
      url: '/api/positions',
      remoteAddress: '10.0.0.5',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(forwarded.statusCode).toBe(401);
  });

  it('when reads are closed then even loopback needs a token', async () => {
    const { app } = await harness();

    const answer = await app.inject({ method: 'GET', url: '/api/positions', remoteAddress: '127.0.0.1' });

    expect(answer.statusCode).toBe(401);
  });

  it.each(['/healthz', '/readyz'])('when %s is probed without a token then it is answered', async (url) => {
    const { get } = await harness();

    expect([200, 503]).toContain((await get(url, null)).statusCode);
  });
});

describe('secrets never reach the log', () => {
  it('when tokens come in the query, the Authorization header and the body then no log line holds one', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      { level: 'trace', service: 'test' },
      { write: (line: string) => lines.push(line) },
    );
    const { app, get } = await harness({ logger });

    await get(`/api/positions?token=${ADMIN_TOKEN}&read_token=${READ_TOKEN}`);
    await get('/api/positions', `${READ_TOKEN}-wrong`);
    await app.inject({
      method: 'POST',
      url: `/api/admin/halt?admin_token=${ADMIN_TOKEN}`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      payload: `{"reason": "audit", "token": "${ADMIN_TOKEN}"`, // malformed: the parser's error is logged
    });
    await app.inject({
      method: 'POST',
      url: '/api/admin/buy-guard',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { on: 'yes', token: ADMIN_TOKEN },
    });

    const log = lines.join('\n');
    expect(log).toContain('token=[redacted]');
    expect(log).not.toContain(ADMIN_TOKEN);
    expect(log).not.toContain(READ_TOKEN);
  });
});
