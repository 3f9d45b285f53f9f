import { describeConfig } from '@hookline/runtime';
import { type Config, renderEnvExample } from '@hookline/schemas';
import { UsageError } from '../usage.js';

/** `config example` prints .env.example; `config check` validates the environment and prints it redacted. */
export function runConfigCommand(args: readonly string[], load: () => Config): number {
  switch (args[0]) {
    case 'example':
      process.stdout.write(renderEnvExample());
      return 0;
    case 'check':
      process.stdout.write(`${JSON.stringify(describeConfig(load()), null, 2)}\n`);
      return 0;
    default:
      throw new UsageError(`unknown config command "${args[0] ?? ''}": expected example or check`);
  }
}
