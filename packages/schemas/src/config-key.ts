import type { z } from 'zod';

/** One environment key: its schema, the default shown in .env.example, what it means, and whether it is secret. */
export interface ConfigKey {
  readonly schema: z.ZodType<unknown, string>;
  /** The default as the user would write it; undefined = unset by default. */
  readonly default?: string;
  readonly description: string;
  readonly secret?: boolean;
}
