// Each scenario writes one summary, quoted as a line in the test output and kept as JSON: one file per
// scenario under .tmp/chaos-summary/ (scenarios run in parallel workers), merged into
// .tmp/chaos-summary.json by the chaos global setup when the run ends.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './webhook-process.js';

/** What a scenario reports, whether it passed or not. */
export interface ScenarioSummary {
  readonly scenario: string;
  /** Alerts answered 202. */
  readonly acknowledged: number;
  /** Of those, processed: not ACCEPTED any more, with exactly one decision. */
  readonly processed: number;
  /** Duplicated orders, decisions and fills. */
  readonly duplicates: number;
  /** From the end of the fault until every acknowledged alert was processed; null when never. */
  readonly faultToRecoveryMs: number | null;
  /** Every answer by HTTP status ("none": no answer). */
  readonly answers: Readonly<Record<string, number>>;
  /** What is wrong (empty when the scenario passed its checks). */
  readonly problems: readonly string[];
  /** Scenario-specific observations (outage length, exit codes, ...). */
  readonly details: Readonly<Record<string, unknown>>;
}

const directory = join(repositoryRoot, '.tmp', 'chaos-summary');
const mergedFile = join(repositoryRoot, '.tmp', 'chaos-summary.json');

/** One line a human can quote. */
export function summaryLine(summary: ScenarioSummary): string {
  const recovery =
    summary.faultToRecoveryMs === null
      ? 'never recovered'
      : `recovered ${summary.faultToRecoveryMs} ms after the fault`;
  const verdict = summary.problems.length === 0 ? 'ok' : `${summary.problems.length} problem(s)`;
  return (
    `chaos ${summary.scenario}: ${summary.acknowledged} acknowledged, ${summary.processed} processed, ` +
    `${summary.duplicates} duplicates, ${recovery}; answers ${JSON.stringify(summary.answers)}; ${verdict}`
  );
}

/** Prints the summary line (and the problems) and stores the summary for the merged file. */
export function recordSummary(summary: ScenarioSummary): void {
  console.log(summaryLine(summary));
  for (const problem of summary.problems) console.log(`  - ${problem}`);
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, `${summary.scenario}.json`), `${JSON.stringify(summary, null, 2)}\n`);
}

/** Forgets the summaries of an earlier run. */
export function clearSummaries(): void {
  rmSync(directory, { recursive: true, force: true });
}

/** Writes every scenario's summary, by name, into .tmp/chaos-summary.json; returns its path. */
export function mergeSummaries(): string {
  const files = readdirSync(directory, { withFileTypes: true }).filter((entry) =>
    entry.name.endsWith('.json'),
  );
  const summaries = files
    .map((entry) => JSON.parse(readFileSync(join(directory, entry.name), 'utf8')) as ScenarioSummary)
    .sort((a, b) => a.scenario.localeCompare(b.scenario));
  writeFileSync(
    mergedFile,
    `${JSON.stringify({ writtenAt: new Date().toISOString(), scenarios: summaries }, null, 2)}\n`,
  );
  return mergedFile;
}
