import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Config, parseConfig } from '@hookline/schemas';

/**
 * The one module that reads process.env. A `.env` file in the working directory is loaded first (values
 * already in the environment win), then the whole environment is validated once.
 */
export function loadEnvironment(): Config {
  const dotenv = resolve(process.cwd(), '.env');
  if (existsSync(dotenv)) process.loadEnvFile(dotenv);
  return parseConfig(process.env);
}
