import { createLogger, ReadinessRegistry } from '@hookline/runtime';
import { describe, expect, it } from 'vitest';
import { buildWebhookApp } from '../src/index.js';

function appWith(checkOk: boolean) {
  const readiness = new ReadinessRegistry();
  readiness.register({
    name: 'database',
    run: async () => ({ ok: checkOk, detail: checkOk ? undefined : 'down' }),
  });
  return buildWebhookApp({
    logger: createLogger({ level: 'silent', service: 'test' }),
    readiness,
    health: { services: ['webhook'], mode: 'paper' },
  });
}

describe('webhook health endpoints', () => {
  it('when the process runs then /healthz answers 200 with the services and mode', async () => {
    const app = appWith(false);
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', services: ['webhook'], mode: 'paper' });
    await app.close();
  });

  it.each([
    [true, 200, 'ready'],
    [false, 503, 'not_ready'],
  ])('when the database check is ok=%s then /readyz answers %i', async (ok, status, word) => {
    const app = appWith(ok);
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ status: word, ready: ok });
    await app.close();
  });
});
