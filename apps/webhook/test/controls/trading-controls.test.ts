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
    for (const prefix of prefixes.splice(0)) {
      const keys = await redis.keys(`${prefix}:controls:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
  });

  function controls(prefix = `test-tc-${randomBytes(6).toString('hex')}`, account = 'default') {
    prefixes.push(prefix);
    return new TradingControls({
      redis,
      prefix,
      account,
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
    await redis.set(`${prefix}:controls:default:trading-state`, '{"value":"SIDEWAYS"}');
    await redis.set(`${prefix}:controls:default:buy-guard`, 'not json');

    const read = await subject.riskControls();

    expect(read.tradingState).toBe('HALTED');
    expect(read.buyGuard.api).toBe(true);
  });

  it('when the guard file path is a missing file then the file guard is off', async () => {
    const subject = new TradingControls({
      redis,
      prefix: `test-tc-${randomBytes(6).toString('hex')}`,
      account: 'default',
      clock: new TestClock(0),
      logger: createLogger({ level: 'silent', service: 'test' }),
      envBuyGuard: true,
      buyGuardFile: '/nonexistent/hookline-guard',
      exchangeHealth: () => 'HEALTHY',
    });

    expect((await subject.snapshot()).buyGuard).toMatchObject({ active: true, env: true, file: false });
  });
  it('when one account is halted, guarded and has a REDUCING symbol then another account on the same prefix is not', async () => {
    const lab = controls(undefined, 'lab');
    const main = controls(prefixes[0], 'main');
    await lab.setTradingState('HALTED', { by: 'bob', reason: 'lab maintenance' });
    await lab.setApiBuyGuard(true, { by: 'bob', reason: 'lab maintenance' });
    await lab.markSymbolReducing('BTC/USD', 'unknown holding');

    const [labRead, mainRead] = [await lab.snapshot(), await main.snapshot()];

    expect([labRead.tradingState, labRead.buyGuard.api, labRead.reducingSymbols]).toEqual([
      'HALTED',
      true,
      { 'BTC/USD': 'unknown holding' },
    ]);
    expect([mainRead.tradingState, mainRead.buyGuard.api, mainRead.reducingSymbols]).toEqual([
      'ACTIVE',
      false,
      {},
    ]);
  });

  it('when controls were set before accounts had their own keys then every account reads them until it sets its own', async () => {
    const lab = controls(undefined, 'lab');
    const main = controls(prefixes[0], 'main');
    const prefix = prefixes[0];
    await redis.set(
      `${prefix}:controls:trading-state`,
      JSON.stringify({ value: 'HALTED', by: 'bob', reason: 'old', at: '2024-05-01T11:00:00.000Z' }),
    );
    await redis.set(
      `${prefix}:controls:buy-guard`,
      JSON.stringify({ value: true, by: 'bob', reason: 'old', at: '2024-05-01T11:00:00.000Z' }),
    );
    await redis.hset(`${prefix}:controls:reducing-symbols`, 'ETH/USD', 'zombie');

    expect((await lab.riskControls('ETH/USD')).tradingState).toBe('HALTED');
    await main.setTradingState('ACTIVE', { by: 'bob', reason: 'checked main' });
    await main.clearReducingSymbols({ by: 'bob', reason: 'checked main' });

    const [labRead, mainRead] = [await lab.snapshot(), await main.snapshot()];
    expect([labRead.tradingState, labRead.buyGuard.api]).toEqual(['HALTED', true]);
    expect([mainRead.tradingState, mainRead.buyGuard.api, mainRead.reducingSymbols]).toEqual([
      'ACTIVE',
      true,
      {},
    ]);
  });
});
