import { parseArgs } from 'node:util';
import { benchmarkNames, type Figures, runBenchmark } from '@hookline/bench';
import { UsageError } from '../usage.js';

/** `bench [--json] [--only NAME] [--quick]`: runs the benchmarks and prints their figures. */
export async function runBenchCommand(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean' },
      only: { type: 'string', multiple: true },
      quick: { type: 'boolean' },
    },
  });
  const names = values.only ?? benchmarkNames;
  const unknown = names.filter((name) => !benchmarkNames.includes(name));
  if (unknown.length)
    throw new UsageError(`unknown benchmark ${unknown.join(', ')}: expected ${benchmarkNames.join(', ')}`);
  const results: Record<string, Figures> = {};
  for (const name of names) {
    if (!values.json) process.stdout.write(`${name} ...\n`);
    results[name] = await runBenchmark(name, { quick: values.quick ?? false });
    if (!values.json) {
      for (const [figure, value] of Object.entries(results[name] ?? {}))
        process.stdout.write(`  ${figure}: ${value}\n`);
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  return 0;
}
