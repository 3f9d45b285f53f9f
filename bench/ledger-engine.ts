// The in-memory engine benchmark behind `pnpm hookline bench`. Fills are generated in batches
// outside the timed section, so the figure is the engine's own throughput.
import type { Clock } from '@hookline/core';
import { FifoEngine } from '@hookline/ledger';
import { BenchmarkFillSource } from './ledger-fills.js';

/** How many fills, from which seed, and the probes that measure time and heap. */
export interface BenchmarkOptions {
  readonly fills: number;
  readonly seed: number;
  /** Injected so a test can run it on a TestClock (the CLI passes the real ones). */
  readonly clock: Clock;
  readonly heapUsedBytes: () => number;
}

/** The benchmark's figures. */
export interface BenchmarkResult {
  readonly fills: number;
  readonly seconds: number;
  readonly fillsPerSecond: number;
  /** Heap in use after the run, engine state included (allocations are not retained). */
  readonly heapUsedMb: number;
  readonly allocations: number;
}

// Large enough that the clock's millisecond resolution is well under 1% of each timed batch.
const batchSize = 50_000;

/** Runs `fills` generated fills through one FifoEngine and reports throughput and heap. */
export function benchmarkEngine(options: BenchmarkOptions): BenchmarkResult {
  const { clock, heapUsedBytes } = options;
  const source = new BenchmarkFillSource(options.seed);
  const engine = new FifoEngine();
  let elapsedMs = 0;
  let allocations = 0;
  for (let done = 0; done < options.fills; done += batchSize) {
    const batch = source.take(Math.min(batchSize, options.fills - done));
    const started = clock.nowMs();
    for (const fill of batch) allocations += engine.apply(fill).allocations.length;
    elapsedMs += clock.nowMs() - started;
  }
  const seconds = elapsedMs / 1000;
  return {
    fills: options.fills,
    seconds,
    fillsPerSecond: seconds > 0 ? Math.round(options.fills / seconds) : 0,
    heapUsedMb: Math.round((heapUsedBytes() / 1024 / 1024) * 10) / 10,
    allocations,
  };
}
