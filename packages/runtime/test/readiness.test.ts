import { describe, expect, it } from 'vitest';
import { ReadinessRegistry } from '../src/index.js';

describe('ReadinessRegistry', () => {
  it('when every check passes then the process is ready', async () => {
    const registry = new ReadinessRegistry();
    registry.register({ name: 'a', run: async () => ({ ok: true }) });
    expect(await registry.report()).toEqual({ ready: true, checks: { a: { ok: true } } });
  });

  it.each([
    ['fails', async () => ({ ok: false, detail: 'down' }), 'down'],
    [
      'throws',
      async () => {
        throw new Error('connection refused');
      },
      'connection refused',
    ],
    ['hangs', () => new Promise<never>(() => {}), 'no answer within 50 ms'],
  ])(
    'when a critical check %s then the process is not ready and the reason is given',
    async (_name, run, detail) => {
      const registry = new ReadinessRegistry(50);
      registry.register({ name: 'ok', run: async () => ({ ok: true }) });
      registry.register({ name: 'broken', run });
      const report = await registry.report();
      expect(report.ready).toBe(false);
      expect(report.checks.broken).toEqual({ ok: false, detail });
    },
  );

  it('when only a non-critical check fails then the process stays ready and reports it', async () => {
    const registry = new ReadinessRegistry();
    registry.register({ name: 'peer', critical: false, run: async () => ({ ok: false, detail: 'absent' }) });
    expect(await registry.report()).toEqual({
      ready: true,
      checks: { peer: { ok: false, detail: 'absent' } },
    });
  });
});
