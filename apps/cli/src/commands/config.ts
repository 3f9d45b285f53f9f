import { describeConfig } from '@hookline/runtime';
import { type Config, renderEnvExample } from '@hookline/schemas';
import { formatConfigSummary } from '../config/config-summary.js';
import { misspeltKeys } from '../config/unknown-keys.js';

/** `config example`: prints .env.example (every key, its default and meaning). */
export function runConfigExample(): number {
  process.stdout.write(renderEnvExample());
  return 0;
}

/**
 * `config check [--json]`: validates the environment (an invalid one fails before this runs, exit 78)
 * and prints a readable summary, or with --json the whole effective configuration, secrets redacted.
 * Variables that look like misspelt keys are named with the nearest key (on stderr with --json).
 */
export function runConfigCheck(options: { json?: boolean }, load: () => Config): number {
  const config = load();
  const misspelt = misspeltKeys(process.env);
  if (!options.json) {
    process.stdout.write(formatConfigSummary({ config, env: process.env, misspelt }));
    return 0;
  }
  process.stdout.write(`${JSON.stringify(describeConfig(config), null, 2)}\n`);
  for (const { name, suggestion } of misspelt) {
    process.stderr.write(
      `warning: ${name} is not a Hookline key and is ignored: did you mean ${suggestion}?\n`,
    );
  }
  return 0;
}
