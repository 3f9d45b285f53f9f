// The grid of a parameter sweep: `--sweep KEY=v1,v2` (repeatable) gives every combination of the
// values, each a set of configuration keys over the environment. Keys and values are checked before
// anything runs: an unknown key, or a value the configuration refuses, is a usage error naming it.
import { CONFIG_KEYS, ConfigError, parseConfig } from '@hookline/schemas';
import { UsageError } from '../usage.js';

/** One combination: key → value, in the order the keys were given. */
export type SweepSetting = ReadonlyArray<readonly [string, string]>;

/** Every combination of the `--sweep` options, checked against the configuration over `environment`. */
export function sweepGrid(
  options: readonly string[],
  environment: Readonly<Record<string, string | undefined>>,
): SweepSetting[] {
  const axes = options.map((option) => {
    const match = /^([A-Z0-9_]+)=(.+)$/.exec(option.trim());
    if (!match)
      throw new UsageError(`--sweep "${option}" must be KEY=v1,v2,... (a configuration key and its values)`);
    const [, key = '', list = ''] = match;
    if (!(key in CONFIG_KEYS))
      throw new UsageError(`--sweep ${key}: not a configuration key (see pnpm hookline config example)`);
    const values = list.split(',').map((value) => value.trim());
    if (values.some((value) => value === ''))
      throw new UsageError(`--sweep ${key}: an empty value in "${list}"`);
    return values.map((value) => [key, value] as const);
  });
  const keys = axes.map((axis) => axis[0]?.[0]);
  const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
  if (repeated) throw new UsageError(`--sweep ${repeated} is given twice: list its values in one --sweep`);
  const grid = axes.reduce<SweepSetting[]>(
    (combos, axis) => combos.flatMap((combo) => axis.map((pair) => [...combo, pair])),
    [[]],
  );
  for (const setting of grid) {
    try {
      parseConfig({ ...environment, ...Object.fromEntries(setting) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new UsageError(`--sweep ${settingText(setting)}: ${error.problems.join('; ')}`);
    }
  }
  return grid;
}

/** `KEY=v KEY2=w`, as tables and warnings show a setting. */
export function settingText(setting: SweepSetting): string {
  return setting.map(([key, value]) => `${key}=${value}`).join(' ');
}
