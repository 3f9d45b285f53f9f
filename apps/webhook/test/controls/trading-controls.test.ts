import { randomBytes } from 'node:crypto';
import { TestClock } from '@hookline/core';
import { createLogger } from '@hookline/runtime';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { TradingControls } from '../../src/controls/trading-controls.js';

describe('TradingControls', () => {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const prefixes: string[] = [];
  afterEach(async () => {
    for (const prefix of prefixes.splice(0))
      await redis.del(`${prefix}:controls:trading-state`, `${prefix}:controls:buy-guard`);
  });

  function controls(prefix = `test-tc-${randomBytes(6).toString('hex')}`) {
    prefixes.push(prefix);
    return new TradingControls({
      redis,
      prefix,
      clock: new TestClock(Date.parse('2024-05-01T12:00:00Z')),
      logger: createLogger({ level: 'silent', service: 'test' }),
      envBuyGuard: false,
      buyGuardFile: undefined,
      exchangeHealth: () => 'OFFLINE',
      orderCircuitHealth: () => 'DEGRADED',
    });
  }

  it('when nothing was ever set then trading is ACTIVE with no buy guard and both circuit healths passed through', async () => {
    expect(await controls().riskControls()).toEqual({
      tradingState: 'ACTIVE',
      buyGuard: { env: false, file: false, api: false },
      exchangeHealth: 'OFFLINE',
      orderCircuitHealth: 'DEGRADED',
    });
  });

  it('when the state is set then a new instance on the same prefix (a restart) reads it with who, why and when', async () => {
    const first = controls();
    await first.setTradingState('HALTED', { by: 'bob', reason: 'maintenance' });

    const restarted = await controls(prefixes[0]).snapshot();

    expect(restarted.tradingState).toBe('HALTED');
    expect(restarted.tradingStateChange).toEqual({
      value: 'HALTED',
      by: 'bob',
      reason: 'maintenance',
      at: '2024-05-01T12:00:00.000Z',
    });
  });

  it('when the stored value cannot be read then it fails safe: HALTED and the API guard on', async () => {
    const subject = controls();
    const prefix = prefixes[0];
    await redis.set(`${prefix}:controls:trading-state`, '{"value":"SIDEWAYS"}');
    await redis.set(`${prefix}:controls:buy-guard`, 'not json');

    const read = await subject.riskControls();

    expect(read.tradingState).toBe('HALTED');
    expect(read.buyGuard.api).toBe(true);
  });

  it('when the guard file path is a missing file then the file guard is off', async () => {
    const subject = new TradingControls({
      redis,
      prefix: `test-tc-${randomBytes(6).toString('hex')}`,
      clock: new TestClock(0),
      logger: createLogger({ level: 'silent', service: 'test' }),
      envBuyGuard: true,
      buyGuardFile: '/nonexistent/hookline-guard',
      exchangeHealth: () => 'HEALTHY',
    });

    expect((await subject.snapshot()).buyGuard).toMatchObject({ active: true, env: true, file: false });
  });
});
