import { connect, type Socket } from 'node:net';
import { parseConfig } from '@hookline/schemas';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHttpServer,
  createLogger,
  findFreePort,
  type HttpServerOptions,
  httpOptionsFromConfig,
} from '../src/index.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** A server with the routes the tests need, its log lines captured. */
function serverWith(options: HttpServerOptions = {}) {
  const lines: string[] = [];
  const logger = createLogger(
    { level: 'info', service: 'test' },
    { write: (line: string) => lines.push(line) },
  );
  const app = createHttpServer(logger, options);
  app.get('/ok', async () => ({ ok: true }));
  app.post('/echo', async (request) => ({ got: request.body }));
  // A real query against a port where no PostgreSQL listens: the driver's own outage error.
  app.get('/database', async () => {
    const port = await findFreePort('127.0.0.1');
    const client = new pg.Client({ connectionString: `postgresql://nobody:pw@127.0.0.1:${port}/none` });
    await client.connect();
    return { unreachable: false };
  });
  app.get('/bug', async () => {
    throw new Error('column "secret_col" of relation "alerts" does not exist at /work/src/store.ts:42');
  });
  apps.push(app);
  return { app, lines };
}

describe('createHttpServer error answers', () => {
  it('when the database is unreachable then the answer is 503 with Retry-After and no driver text', async () => {
    const { app, lines } = serverWith();

    const response = await app.inject({ method: 'GET', url: '/database' });

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toEqual({
      error: 'SERVICE_UNAVAILABLE',
      message: 'the network is unavailable; retry in 5 seconds',
      requestId: response.headers['x-request-id'],
    });
    expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\.ts|at /);
    const logged = lines.find((line) => line.includes('answered 503'));
    expect(logged).toContain(`"reqId":"${response.headers['x-request-id']}"`);
    expect(logged).toContain('ECONNREFUSED');
  });

  it('when a handler fails unexpectedly then the answer is a generic 500 and the log has the detail under its request id', async () => {
    const { app, lines } = serverWith();

    const response = await app.inject({ method: 'GET', url: '/bug' });

    const requestId = response.headers['x-request-id'];
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: 'INTERNAL_ERROR',
      message: `internal error; the service log has the detail under request id ${requestId}`,
      requestId,
    });
    expect(response.body).not.toMatch(/secret_col|relation|store\.ts/);
    const logged = lines.find((line) => line.includes('answered 500'));
    expect(logged).toContain(`"reqId":"${requestId}"`);
    expect(logged).toContain('secret_col');
  });

  it('when a JSON body is malformed then the 400 does not quote the body', async () => {
    const { app } = serverWith();

    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"token": "hunter2-hunter2-hunter2"',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      requestId: response.headers['x-request-id'],
    });
    expect(response.body).not.toContain('hunter2');
  });

  it.each(['/ok', '/missing'])(
    'when %s is answered then the answer carries a fresh x-request-id',
    async (url) => {
      const { app } = serverWith();

      const first = await app.inject({ method: 'GET', url, headers: { 'x-request-id': 'chosen-by-client' } });
      const second = await app.inject({ method: 'GET', url });

      expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(second.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    },
  );
});

describe('createHttpServer headers', () => {
  it('when anything is answered then the security headers are set', async () => {
    const { app } = serverWith();

    const response = await app.inject({ method: 'GET', url: '/ok' });

    expect(response.headers).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringContaining('max-age='),
      'cross-origin-resource-policy': 'same-origin',
    });
  });

  it('when no origin is configured then a cross-origin preflight and read get no CORS header', async () => {
    const { app } = serverWith();
    const origin = 'https://evil.example';

    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/ok',
      headers: { origin, 'access-control-request-method': 'GET' },
    });
    const read = await app.inject({ method: 'GET', url: '/ok', headers: { origin } });

    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('when an origin is allowed then it alone gets CORS headers', async () => {
    const { app } = serverWith({ corsOrigins: ['https://ops.example.com'] });

    const allowed = await app.inject({
      method: 'OPTIONS',
      url: '/ok',
      headers: { origin: 'https://ops.example.com', 'access-control-request-method': 'GET' },
    });
    const other = await app.inject({
      method: 'GET',
      url: '/ok',
      headers: { origin: 'https://evil.example' },
    });

    expect(allowed.headers['access-control-allow-origin']).toBe('https://ops.example.com');
    expect(allowed.headers['access-control-allow-headers']).toContain('authorization');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('createHttpServer logs', () => {
  it('when a request carries secrets in its query and Authorization header then the log has none of them', async () => {
    const { app, lines } = serverWith();
    const secrets = [
      'pass-in-query-123456',
      'token-in-query-123456',
      'key-in-query-123456',
      'bearer-123456789',
    ];

    await app.inject({
      method: 'GET',
      url: `/ok?passphrase=${secrets[0]}&admin_token=${secrets[1]}&api%5Fkey=${secrets[2]}&symbol=BTC`,
      headers: { authorization: `Bearer ${secrets[3]}` },
    });

    const log = lines.join('\n');
    expect(log).toContain(
      '"url":"/ok?passphrase=[redacted]&admin_token=[redacted]&api%5Fkey=[redacted]&symbol=BTC"',
    );
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});

describe('httpOptionsFromConfig', () => {
  it('when the headers timeout is longer than the request timeout then the error names both keys', () => {
    const config = parseConfig({
      HOOKLINE_HTTP_HEADERS_TIMEOUT_MS: '20000',
      HOOKLINE_HTTP_REQUEST_TIMEOUT_MS: '10000',
    });

    expect(() => httpOptionsFromConfig(config)).toThrow(
      /HOOKLINE_HTTP_HEADERS_TIMEOUT_MS: 20000 is longer than HOOKLINE_HTTP_REQUEST_TIMEOUT_MS \(10000\)/,
    );
  });

  it('when CORS_ORIGINS names something that is not an origin then the configuration says which', () => {
    expect(() => parseConfig({ HOOKLINE_CORS_ORIGINS: 'https://ok.example,https://x.example/path' })).toThrow(
      /"https:\/\/x\.example\/path" is not an origin/,
    );
  });
});

// --- slow clients, over a real socket -------------------------------------------------------------

const timeouts = { requestMs: 1_000, headersMs: 600, idleMs: 5_000, keepAliveMs: 800 };

async function listening(options: HttpServerOptions): Promise<number> {
  const { app } = serverWith(options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Opens a socket; resolves with what the server wrote and how long until it closed the connection. */
function openSocket(port: number): { socket: Socket; closed: Promise<{ ms: number; received: string }> } {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => undefined);
  const closed = new Promise<{ ms: number; received: string }>((resolve) =>
    socket.on('close', () => resolve({ ms: Date.now() - started, received })),
  );
  return { socket, closed };
}

/** Writes one byte every `everyMs` until the socket closes (it never idles). */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let index = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || index >= text.length) return clearInterval(timer);
    socket.write(text[index] ?? '');
    index += 1;
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

describe('createHttpServer timeouts', () => {
  it('when a body trickles one byte every 100 ms then the request is cut at the request timeout', async () => {
    const port = await listening({ timeouts });
    const { socket, closed } = openSocket(port);
    const body = 'x'.repeat(200); // 20 s at this pace
    socket.write(
      `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    trickle(socket, body, 100);

    const { ms, received } = await closed;

    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3_000);
  });

  it('when headers trickle one byte every 100 ms then the request is cut at the headers timeout', async () => {
    const port = await listening({ timeouts });
    const { socket, closed } = openSocket(port);
    trickle(socket, `GET /ok HTTP/1.1\r\nHost: x\r\nX-Slow: ${'y'.repeat(200)}\r\n\r\n`, 100);

    const { ms, received } = await closed;

    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(500);
    expect(ms).toBeLessThan(2_000);
  });

  it('when a connection sends nothing then it is closed at the idle timeout', async () => {
    const port = await listening({
      timeouts: { ...timeouts, requestMs: 5_000, headersMs: 5_000, idleMs: 1_000 },
    });
    const { closed } = openSocket(port);

    const { ms } = await closed;

    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3_000);
  });

  it('when a kept-alive connection waits after an answer then it is closed at the keep-alive timeout', async () => {
    const port = await listening({ timeouts });
    const { socket, closed } = openSocket(port);
    const answeredAt = new Promise<number>((resolve) => socket.once('data', () => resolve(Date.now())));
    socket.write('GET /ok HTTP/1.1\r\nHost: x\r\n\r\n');

    const answered = await answeredAt;
    const { received } = await closed;
    const waited = Date.now() - answered;

    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(waited).toBeGreaterThanOrEqual(700);
    expect(waited).toBeLessThan(2_500);
  });
});

describe('createHttpServer access log', () => {
  it('when one request is answered by a listening server then exactly one log line names it, with method, redacted url, status and ms', async () => {
    const { app, lines } = serverWith();
    const address = await app.listen({ host: '127.0.0.1', port: 0 });

    const response = await fetch(`${address}/ok?token=tok-secret-9&page=2`);
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 50));

    const requestId = response.headers.get('x-request-id') ?? '';
    const mine = lines.filter((line) => line.includes(requestId));
    expect(mine).toHaveLength(1);
    const entry = JSON.parse(mine[0] ?? '{}');
    expect(entry.msg).toMatch(/^GET \/ok\?token=\[redacted\]&page=2 200 \d+(\.\d)? ms$/);
    expect(entry.access).toMatchObject({
      method: 'GET',
      url: '/ok?token=[redacted]&page=2',
      statusCode: 200,
    });
    expect(lines.join('')).not.toContain('tok-secret-9');
  });

  it('when a health probe is answered then no access line is written', async () => {
    const { app, lines } = serverWith();
    app.get('/healthz', async () => ({ ok: true }));
    const address = await app.listen({ host: '127.0.0.1', port: 0 });

    await (await fetch(`${address}/healthz`)).text();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(lines.filter((line) => line.includes('/healthz'))).toEqual([]);
  });
});
