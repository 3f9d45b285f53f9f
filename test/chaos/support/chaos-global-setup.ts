// The chaos run's own setup, beside test/global-setup.ts (which starts the PostgreSQL server every
// scenario makes its database on): clears the summaries of an earlier run and, at the end, merges
// this run's into .tmp/chaos-summary.json and prints their lines together.
import { existsSync, readFileSync } from 'node:fs';
import { clearSummaries, mergeSummaries, type ScenarioSummary, summaryLine } from './chaos-summary.js';

export default function setup(): () => void {
  clearSummaries();
  return () => {
    let file: string;
    try {
      file = mergeSummaries();
    } catch {
      return; // no scenario got as far as its summary
    }
    if (!existsSync(file)) return;
    const { scenarios } = JSON.parse(readFileSync(file, 'utf8')) as { scenarios: ScenarioSummary[] };
    console.log(`\nchaos summary (${file}):`);
    for (const summary of scenarios) console.log(`  ${summaryLine(summary)}`);
  };
}
