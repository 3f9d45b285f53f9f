// A parameter sweep: every combination of the grid backtested on worker threads (each its own
// throwaway database), ranked by a chosen metric; a warning when the best setting wins in one half of
// the period only (in-sample / out-of-sample: ranked again within each half).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type SweepSetting, settingText } from './sweep-grid.js';
import type { SweepJob, SweepResult } from './sweep-worker.js';

/** The metrics a sweep ranks by (higher is better). */
export const RANK_METRICS = ['sharpe', 'netProfitPct', 'calmar'] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

/** One setting's place in the ranking. */
export interface RankedSetting {
  readonly rank: number;
  readonly setting: string;
  readonly summary: Record<string, unknown>;
  /** The rank metric in the first and the second half (null: not defined there). */
  readonly halves: readonly [string | null, string | null];
}

/** The sweep's answer. */
export interface SweepRanking {
  readonly rankBy: RankMetric;
  readonly settings: readonly RankedSetting[];
  readonly warning: string | null;
}

/** Runs every job on up to `workers` threads; results in job order. */
export async function runSweepJobs(
  jobs: readonly SweepJob[],
  workers = defaultWorkers(jobs.length),
): Promise<SweepResult[]> {
  const results: SweepResult[] = [];
  const queue = [...jobs];
  const runOne = async (): Promise<void> => {
    const worker = startWorker();
    try {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
        const current = job;
        const answer = await new Promise<{ ok: boolean; result?: SweepResult; message?: string }>(
          (resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage(current);
          },
        );
        if (!answer.ok || answer.result === undefined)
          throw new Error(`sweep setting ${current.index + 1}: ${answer.message ?? 'failed'}`);
        results.push(answer.result);
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, runOne));
  return results.sort((a, b) => a.index - b.index);
}

// The CLI runs TypeScript through tsx, whose loader a worker thread does not inherit: the worker
// registers it first, then loads its module.
function startWorker(): Worker {
  const entry = JSON.stringify(new URL('./sweep-worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`, {
    eval: true,
  });
}

function defaultWorkers(jobs: number): number {
  // Each worker holds an embedded database (a few hundred MB): at most four at once.
  return Math.min(jobs, Math.max(1, availableParallelism()), 4);
}

/** Ranks the results by `metric` (undefined values last, ties in grid order). */
export function rankSweep(
  settings: readonly SweepSetting[],
  results: readonly SweepResult[],
  metric: RankMetric,
): SweepRanking {
  const rows = results.map((result) => {
    const full = JSON.parse(result.full) as { summary: Record<string, unknown> };
    const halfValue = (text: string) =>
      metricOf((JSON.parse(text) as { summary: Record<string, unknown> }).summary, metric);
    return {
      index: result.index,
      setting: settingText(settings[result.index] ?? []),
      summary: full.summary,
      value: metricOf(full.summary, metric),
      halves: [halfValue(result.halves[0]), halfValue(result.halves[1])] as const,
    };
  });
  const order = (values: ReadonlyArray<{ index: number; value: string | null }>) =>
    [...values].sort((a, b) => compare(b.value, a.value) || a.index - b.index).map((row) => row.index);
  const ranked = order(rows).map((index, position) => {
    const row = rows.find((candidate) => candidate.index === index);
    if (row === undefined) throw new Error('unreachable: a ranked row disappeared');
    return { rank: position + 1, setting: row.setting, summary: row.summary, halves: row.halves };
  });
  return { rankBy: metric, settings: ranked, warning: halfWarning(rows, order, metric) };
}

// The best setting should also rank in the better half of the settings within each half of the period.
function halfWarning(
  rows: ReadonlyArray<{
    index: number;
    setting: string;
    value: string | null;
    halves: readonly [string | null, string | null];
  }>,
  order: (values: ReadonlyArray<{ index: number; value: string | null }>) => number[],
  metric: RankMetric,
): string | null {
  if (rows.length < 2) return null;
  const best = order(rows)[0];
  const bestRow = rows.find((row) => row.index === best);
  if (best === undefined || bestRow === undefined) return null;
  const limit = Math.ceil(rows.length / 2);
  const problems = (['first', 'second'] as const).flatMap((half, which) => {
    const place =
      order(rows.map((row) => ({ index: row.index, value: row.halves[which] ?? null }))).indexOf(best) + 1;
    return place > limit ? [`ranks ${place} of ${rows.length} by ${metric} in the ${half} half`] : [];
  });
  if (problems.length === 0) return null;
  return `the best setting (${bestRow.setting}) ${problems.join(' and ')}: it may fit one part of the period only`;
}

function metricOf(summary: Record<string, unknown>, metric: RankMetric): string | null {
  const value = summary[metric];
  return typeof value === 'string' ? value : null;
}

function compare(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return Number(a) - Number(b);
}

/** The ranking as an aligned table, then the warning (if any). */
export function sweepText(ranking: SweepRanking): string {
  const header = [
    'rank',
    'setting',
    'trades',
    'netProfitPct',
    'sharpe',
    'calmar',
    'maxDrawdownPct',
    `${ranking.rankBy} 1st half`,
    `${ranking.rankBy} 2nd half`,
  ];
  const cell = (value: unknown) => (value === null || value === undefined ? 'n/a' : String(value));
  const rows = ranking.settings.map((row) => [
    String(row.rank),
    row.setting,
    cell(row.summary.trades),
    cell(row.summary.netProfitPct),
    cell(row.summary.sharpe),
    cell(row.summary.calmar),
    cell(row.summary.maxDrawdownPct),
    cell(row.halves[0]),
    cell(row.halves[1]),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((text, column) =>
        column === 1 ? text.padEnd(widths[column] ?? 0) : text.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const lines = [
    `Sweep ranked by ${ranking.rankBy}`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ];
  if (ranking.warning) lines.push('', `warning: ${ranking.warning}`);
  return `${lines.join('\n')}\n`;
}
