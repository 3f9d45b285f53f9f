import { CONFIG_KEYS } from '@hookline/schemas';
import { closest, distance } from 'fastest-levenshtein';

/** A variable of the environment that looks like a misspelt Hookline key. */
export interface MisspeltKey {
  readonly name: string;
  readonly suggestion: string;
}

const KNOWN_KEYS = Object.keys(CONFIG_KEYS);

/** The first word of every key (`HOOKLINE`, `EXCHANGE`, `DATABASE`, `MODE`, ...): a name starting so is ours. */
const KNOWN_PREFIXES = new Set(KNOWN_KEYS.map((key) => key.split('_')[0] ?? key));

/**
 * The variables of `env` whose first word is one of Hookline's (`EXCHANGE_API_SECRT`, `REDIS_URI`) but
 * that are not a key, each with the nearest key when it is close enough to be a typo (at most three
 * edits). Names of other software that only share a first word and are nothing like a key are left alone.
 */
export function misspeltKeys(env: Readonly<Record<string, string | undefined>>): MisspeltKey[] {
  const found: MisspeltKey[] = [];
  for (const name of Object.keys(env).sort()) {
    if (name in CONFIG_KEYS || !KNOWN_PREFIXES.has(name.split('_')[0] ?? name)) continue;
    const suggestion = closest(name, KNOWN_KEYS);
    if (distance(name, suggestion) <= 3) found.push({ name, suggestion });
  }
  return found;
}
