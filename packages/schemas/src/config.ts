import type { z } from 'zod';
import { CONFIG_KEYS, type ConfigKeyName } from './config-keys.js';
import { brokenConfigRules } from './config-rules.js';
import { notifyConfigProblems } from './notify-config-keys.js';

type KeySpec = (typeof CONFIG_KEYS)[ConfigKeyName];
type ValueOf<K extends ConfigKeyName> = z.output<(typeof CONFIG_KEYS)[K]['schema']>;
type KeysWithDefault = {
  [K in ConfigKeyName]: (typeof CONFIG_KEYS)[K] extends { default: string } ? K : never;
}[ConfigKeyName];

/** The validated, frozen configuration: one property per environment key. */
export type Config = Readonly<
  { [K in KeysWithDefault]: ValueOf<K> } & { [K in Exclude<ConfigKeyName, KeysWithDefault>]?: ValueOf<K> }
>;

/** Every problem found in the environment, reported at once. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(
      `invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Names of the keys whose values must never appear in logs. */
export const SECRET_KEYS: readonly ConfigKeyName[] = (Object.keys(CONFIG_KEYS) as ConfigKeyName[]).filter(
  (name) => (CONFIG_KEYS[name] as { secret?: boolean }).secret === true,
);

/**
 * Validates an environment (normally process.env, read by the app's one environment module) into a frozen
 * Config. Empty values count as unset. Unknown HOOKLINE_* keys are errors (a typo must not silently fall
 * back to a default). Then the rules between keys (config-rules.ts) are checked. Throws ConfigError
 * listing every problem.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(CONFIG_KEYS) as ConfigKeyName[]) {
    const spec: KeySpec = CONFIG_KEYS[name];
    const given = env[name];
    const raw = given === undefined || given.trim() === '' ? (spec as { default?: string }).default : given;
    if (raw === undefined) continue;
    const result = spec.schema.safeParse(raw);
    if (result.success) values[name] = result.data;
    else {
      const shown = (spec as { secret?: boolean }).secret ? '(secret value hidden)' : JSON.stringify(raw);
      problems.push(`${name}: ${result.error.issues.map((issue) => issue.message).join('; ')}, got ${shown}`);
    }
  }
  for (const name of Object.keys(env)) {
    if (name.startsWith('HOOKLINE_') && !(name in CONFIG_KEYS)) {
      const hint = closestKey(name);
      problems.push(`${name}: unknown key${hint ? ` (did you mean ${hint}?)` : ''}`);
    }
  }
  if (values.MODE === 'live') {
    for (const required of ['EXCHANGE_API_KEY', 'EXCHANGE_API_SECRET'] as const) {
      if (values[required] === undefined) problems.push(`${required}: required when MODE=live`);
    }
  }
  problems.push(...brokenConfigRules(values));
  problems.push(...notifyConfigProblems(values, (key) => (env[key] ?? '').trim() !== ''));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(values) as Config;
}

/** The known HOOKLINE_ key nearest to a misspelt one, when it is close enough to be a typo. */
function closestKey(name: string): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of Object.keys(CONFIG_KEYS)) {
    if (!key.startsWith('HOOKLINE_')) continue;
    const distance = editDistance(name, key);
    if (!best || distance < best.distance) best = { key, distance };
  }
  return best && best.distance <= 3 ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
