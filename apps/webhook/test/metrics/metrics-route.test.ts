import { dec } from '@hookline/core';
import { recordFills } from '@hookline/ledger-store';
import { heartbeatKey } from '@hookline/runtime';
import { SWEEP_PHASES } from '@hookline/webhook';
import { describe, expect, it } from 'vitest';
import { seedFill, useApiHarness } from '../api/api-harness.js';

describe('GET /metrics', () => {
  const harness = useApiHarness();
  // The heartbeat keys are per account, not per test prefix: an account of its own keeps another test
  // file's running sentinel (account 'default') out of the heartbeat these tests read.
  const account = `metrics-${process.pid}`;
  const env = { HOOKLINE_ACCOUNT: account };

  it('when scraped then it answers the Prometheus text format with every Hookline metric', async () => {
    const { get, database, controls } = await harness({ envBuyGuard: true, env });
    const prisma = database.prisma;
    // Fill lag: 250 ms (received 0.25 s after execution).
    await recordFills(prisma, [
      seedFill('t-1', { account }),
      seedFill('t-2', { account, size: dec('0.02') }),
    ]);
    await prisma.alert.create({
      data: {
        account,
        idempotencyKey: 'k-1',
        source: 'TRADINGVIEW',
        rawBody: '{}',
        status: 'PROCESSED',
        receivedAt: new Date(),
      },
    });
    await prisma.decision.create({
      data: {
        account,
        symbol: 'BTC/USD',
        intent: 'ENTRY',
        outcome: 'BLOCKED',
        reasonCode: 'BUY_GUARD_ACTIVE',
        ruleInputs: {},
      },
    });
    await controls.setTradingState('HALTED', { by: 'test', reason: 'metrics' });

    const response = await get('/metrics');

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toContain('hookline_alerts{status="PROCESSED"} 1');
    expect(text).toContain('hookline_decisions{outcome="BLOCKED",reason="BUY_GUARD_ACTIVE"} 1');
    expect(text).toMatch(/hookline_orders\{status="FILLED"\} 2/);
    expect(text).toContain('hookline_fill_lag_seconds_bucket{le="0.25"} 2');
    expect(text).toContain('hookline_fill_lag_seconds_count 2');
    expect(text).toContain(
      'hookline_exchange_circuit_state{exchange="paper",scope="market_data",state="CLOSED",health="HEALTHY"} 1',
    );
    expect(text).toContain(
      'hookline_exchange_circuit_state{exchange="paper",scope="orders",state="CLOSED",health="HEALTHY"} 1',
    );
    expect(text).toContain('# TYPE hookline_quote_frozen gauge');
    expect(text).toContain('hookline_queue_jobs{queue="order-submit",state="waiting"} 0');
    expect(text).toContain('hookline_trading_state{state="HALTED"} 1');
    expect(text).toContain('hookline_buy_guard{source="env"} 1');
    // No sentinel heartbeat: NaN (prom-client writes "Nan"; Prometheus parses it), never a made-up age.
    expect(text).toMatch(/^hookline_sentinel_loop_age_seconds nan$/im);
  });

  it('when the sentinel wrote a heartbeat then its age is reported in seconds', async () => {
    const { get, redis, venue } = await harness({ env });
    const key = heartbeatKey('sentinel', account);
    await redis.set(key, new Date(venue.clock.nowMs() - 3_000).toISOString(), 'PX', 60_000);
    try {
      const text = (await get('/metrics')).body;

      expect(text).toMatch(/^hookline_sentinel_loop_age_seconds 3$/m);
    } finally {
      await redis.del(key);
    }
  });

  it('when this replica swept then each step of its last sweep is reported in seconds, and nothing before', async () => {
    const { get, system } = await harness();
    const before = (await get('/metrics')).body;
    const report = await system.sentinel.sweepOnce();
    const after = (await get('/metrics')).body;

    expect(before).not.toMatch(/^hookline_sentinel_sweep_phase_seconds\{/m);
    const reported = [...after.matchAll(/^hookline_sentinel_sweep_phase_seconds\{phase="(\w+)"\} (\S+)$/gm)];
    expect(reported.map((match) => match[1])).toEqual([...SWEEP_PHASES]);
    for (const [, phase, seconds] of reported) {
      expect(Number(seconds)).toBe((report?.phaseMs[phase as keyof typeof report.phaseMs] ?? -1) / 1000);
    }
  });

  it('when this replica swept under the lease then it reports itself the sentinel leader and counts the sweep', async () => {
    const { get, system } = await harness();
    const before = (await get('/metrics')).body;
    await system.sentinel.sweepOnce();
    await system.sentinel.sweepOnce();
    const after = (await get('/metrics')).body;

    expect(before).toMatch(/^hookline_sentinel_leader 0$/m);
    expect(before).toMatch(/^hookline_sentinel_sweeps_total 0$/m);
    expect(after).toMatch(/^hookline_sentinel_leader 1$/m);
    expect(after).toMatch(/^hookline_sentinel_sweeps_total 2$/m);
  });

  it('when fills were already observed then a second scrape does not count them again', async () => {
    const { get, database } = await harness();
    await recordFills(database.prisma, [seedFill('t-1')]);

    await get('/metrics');
    const second = (await get('/metrics')).body;

    expect(second).toContain('hookline_fill_lag_seconds_count 1');
  });
});
