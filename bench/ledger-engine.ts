// The in-memory engine benchmark behind `pnpm hookline bench`. Fills are generated in batches
// outside the timed section, and the heap is settled after each batch is made (a full collection
// moves the fresh batch out of the young generation), so the figure is the engine's own throughput:
// without it the collector copying 50,000 just-made fills lands in the timed section. The engine's
// own garbage is still collected inside it.
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
  /** A full garbage collection before each timed batch (the CLI passes V8's; tests pass nothing). */
  readonly settleHeap?: () => void;
  /** CPU time of the process in microseconds (process.cpuUsage): on a shared machine, wall time is noisy. */
  readonly cpuMicros?: () => number;
}

/** The benchmark's figures. */
export interface BenchmarkResult {
  readonly fills: number;
  readonly seconds: number;
  readonly fillsPerSecond: number;
  /** Fills per CPU second of the timed sections (0 without cpuMicros). */
  readonly fillsPerCpuSecond: number;
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
  const cpuMicros = options.cpuMicros ?? (() => 0);
  let elapsedMs = 0;
  let cpuUs = 0;
  let allocations = 0;
  for (let done = 0; done < options.fills; done += batchSize) {
    const batch = source.take(Math.min(batchSize, options.fills - done));
    options.settleHeap?.();
    const started = clock.nowMs();
    const cpuStarted = cpuMicros();
    for (const fill of batch) allocations += engine.apply(fill).allocations.length;
    cpuUs += cpuMicros() - cpuStarted;
    elapsedMs += clock.nowMs() - started;
  }
  const seconds = elapsedMs / 1000;
  return {
    fills: options.fills,
    seconds,
    fillsPerSecond: seconds > 0 ? Math.round(options.fills / seconds) : 0,
    fillsPerCpuSecond: cpuUs > 0 ? Math.round(options.fills / (cpuUs / 1e6)) : 0,
    heapUsedMb: Math.round((heapUsedBytes() / 1024 / 1024) * 10) / 10,
    allocations,
  };
}
