import { TestClock } from '@hookline/core';
import { recompute, verifyLedger } from '@hookline/ledger';
import { describe, expect, it } from 'vitest';
import { benchmarkEngine } from '../ledger-engine.js';
import { BenchmarkFillSource, seededRandom } from '../ledger-fills.js';

describe('engine benchmark', () => {
  it('when run twice with one seed then it does the same work, and reports its figures', () => {
    const probes = { clock: new TestClock(0), heapUsedBytes: () => 1024 * 1024 };
    const first = benchmarkEngine({ fills: 3_000, seed: 7, ...probes });
    const second = benchmarkEngine({ fills: 3_000, seed: 7, ...probes });

    expect(second.allocations).toBe(first.allocations);
    expect(first.fills).toBe(3_000);
    expect(first.seconds).toBeGreaterThanOrEqual(0);
    expect(first.heapUsedMb).toBeGreaterThan(0);
  });

  it('when the clock and heap probes are injected then the figures come from them', () => {
    const clock = new TestClock(0);
    const result = benchmarkEngine({ fills: 10, seed: 1, clock, heapUsedBytes: () => 3 * 1024 * 1024 });

    expect(result).toMatchObject({ fills: 10, seconds: 0, fillsPerSecond: 0, heapUsedMb: 3 });
  });

  it('when the generated fills are recomputed then the ledger checks out (the workload is a valid ledger)', () => {
    const fills = new BenchmarkFillSource(11).take(5_000);
    const ledger = recompute(fills);

    expect(
      verifyLedger(fills, ledger.allocations, ledger.lots).filter((v) => v.severity === 'error'),
    ).toEqual([]);
    expect(new Set(ledger.allocations.map((row) => row.kind))).toEqual(new Set(['SELL', 'FEE_DISPOSAL']));
  });

  it('when the seeded generator is asked for numbers then the same seed repeats them', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);

    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
