import { describe, expect, it } from 'vitest';
import { cleanEnvironment, runCli } from './support/run-cli.js';

describe('pnpm hookline bench', () => {
  it('when run with --json then it prints one object of named benchmarks with numeric figures', async () => {
    const result = await runCli(['bench', '--json', '--quick'], cleanEnvironment({}));
    expect(result.code, result.output.slice(-3_000)).toBe(0);
    const figures = JSON.parse(result.output.trim().split('\n').at(-1) ?? '{}') as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(figures)).toEqual([
      'ledger.engine',
      'ledger.import_postgres',
      'exchange.paper',
      'exchange.coinbase_user_stream',
      'webhook.ingest',
      'webhook.alert_to_order',
      'webhook.soak',
      'webhook.replicas',
      'sighook.matrix',
      'sentinel.sweep',
      'sentinel.sweep_io',
      'backtest',
      'dashboard',
    ]);
    for (const benchmark of Object.values(figures)) {
      for (const value of Object.values(benchmark)) expect(typeof value).toBe('number');
    }
    expect(figures['ledger.engine']).toMatchObject({ fills: 10_000 });
    expect(Object.keys(figures['sighook.matrix'] ?? {})).toEqual(
      expect.arrayContaining(['symbols', 'one_candle_ms', 'cold_start_ms', 'rows_per_second']),
    );
    expect(figures['sighook.matrix']).toMatchObject({ symbols: 5 });
    expect(Object.keys(figures['sentinel.sweep'] ?? {})).toEqual(
      expect.arrayContaining(['positions', 'sweep_ms_median', 'sweep_ms_max', 'exits']),
    );
    expect(figures['sentinel.sweep']).toMatchObject({ positions: 100 });
    // The sweep with its I/O: every position of each stage read, and each phase timed.
    // One position in 100 is bought above the market: its hard stop fires and sells it in the warm-up;
    // every other position has its protective stop resting and kept.
    expect(figures['sentinel.sweep_io']).toMatchObject({
      p20_positions_read: 19,
      p20_protective_stops_kept: 19,
      p100_positions_read: 99,
      p100_protective_stops_kept: 99,
    });
    expect(Object.keys(figures['sentinel.sweep_io'] ?? {})).toEqual(
      expect.arrayContaining(['p100_sweep_ms_median', 'p100_load_ms', 'p100_persist_ms', 'p100_stops_ms']),
    );
    expect(figures['ledger.engine']).toMatchObject({ target_fills_per_second: 1_000_000 });
    // The soak read the webhook process's memory while the alerts were answered.
    expect(figures['webhook.soak']?.samples).toBeGreaterThan(0);
    expect(figures['webhook.soak']?.acknowledged).toBeGreaterThan(0);
    // Two replicas decided alerts on one database and Redis, beside one.
    expect(figures['webhook.replicas']?.replicas_2_decided_per_second).toBeGreaterThan(0);
    expect(Object.keys(figures['webhook.replicas'] ?? {})).toEqual(
      expect.arrayContaining(['bare_requests_per_second', 'replicas_1_p99_ms', 'replicas_2_per_1']),
    );
  }, 300_000);

  it('when an unknown benchmark is named then the usage lists the known ones', async () => {
    const result = await runCli(['bench', '--only', 'nope'], cleanEnvironment({}));
    expect(result.code).toBe(2);
    expect(result.output).toContain('unknown benchmark nope');
  });
});
