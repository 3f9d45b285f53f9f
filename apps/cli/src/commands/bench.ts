import { benchmarkNames, type Figures, runBenchmark } from '@hookline/bench';
import { UsageError } from '../usage.js';

/** Options of `bench`. */
export interface BenchOptions {
  readonly json?: boolean;
  /** --only NAME (repeatable): these benchmarks only. */
  readonly only?: readonly string[];
  /** --quick: smaller sizes, for a smoke run. */
  readonly quick?: boolean;
}

/** `bench [--json] [--only NAME] [--quick]`: runs the benchmarks and prints their figures. */
export async function runBenchCommand(options: BenchOptions): Promise<number> {
  const names = options.only ?? benchmarkNames;
  const unknown = names.filter((name) => !benchmarkNames.includes(name));
  if (unknown.length)
    throw new UsageError(`unknown benchmark ${unknown.join(', ')}: expected ${benchmarkNames.join(', ')}`);
  const results: Record<string, Figures> = {};
  for (const name of names) {
    if (!options.json) process.stdout.write(`${name} ...\n`);
    results[name] = await runBenchmark(name, { quick: options.quick ?? false });
    if (!options.json) {
      for (const [figure, value] of Object.entries(results[name] ?? {}))
        process.stdout.write(`  ${figure}: ${value}\n`);
    }
  }
  if (options.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  return 0;
}
