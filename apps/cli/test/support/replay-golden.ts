// The golden replay scenarios: one folder each under fixtures/replay/ with ticks.csv, entries.csv, an
// optional `env` (HOOKLINE_* settings, one KEY=VALUE a line) and expected.json, the exact stdout of
// `pnpm hookline replay --ticks ticks.csv --entries entries.csv --json` under that environment.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folder that holds one sub-folder per golden scenario. */
export const goldenRoot = new URL('../fixtures/replay/', import.meta.url).pathname;

/** One golden scenario: its name (the folder's) and its folder. */
export interface GoldenScenario {
  readonly name: string;
  readonly dir: string;
}

/** Every scenario folder, by name. */
export function goldenScenarios(): GoldenScenario[] {
  return readdirSync(goldenRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: entry.name, dir: join(goldenRoot, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The replay command's arguments for a scenario (as `pnpm hookline replay …` takes them). */
export function replayArgs(dir: string): string[] {
  return ['replay', '--ticks', join(dir, 'ticks.csv'), '--entries', join(dir, 'entries.csv'), '--json'];
}

/** The options the command line of replayArgs gives runReplayCommand. */
export function replayOptions(dir: string): { ticks: string; entries: string; json: true } {
  return { ticks: join(dir, 'ticks.csv'), entries: join(dir, 'entries.csv'), json: true };
}

/** The scenario's settings (its `env` file), with logs silenced so stderr stays empty. */
export function scenarioEnvironment(dir: string): Record<string, string> {
  const file = join(dir, 'env');
  const settings: Record<string, string> = { HOOKLINE_LOG_LEVEL: 'silent' };
  if (!existsSync(file)) return settings;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const equals = trimmed.indexOf('=');
    if (equals <= 0) throw new Error(`${file}: "${trimmed}" is not KEY=VALUE`);
    settings[trimmed.slice(0, equals)] = trimmed.slice(equals + 1);
  }
  return settings;
}
