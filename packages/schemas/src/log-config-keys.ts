import { z } from 'zod';
import type { ConfigKey } from './config-key.js';

/** How the process log is written (docs/operations.md "Logs"). */
export const LOG_CONFIG_KEYS = {
  HOOKLINE_LOG_FORMAT: {
    schema: z.enum(['auto', 'pretty', 'json'], { error: 'expected auto, pretty or json' }),
    default: 'auto',
    description:
      'Log line format: pretty = one coloured, human-readable line per entry; json = one JSON object per line (for log shippers); auto = pretty when stdout is a terminal, json otherwise. Secrets are redacted in both.',
  },
} satisfies Record<string, ConfigKey>;
