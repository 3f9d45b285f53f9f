import { HooklineError } from '@hookline/core';
import type { Config } from '@hookline/schemas';

/**
 * `start webhook` and `start sighook` are separate processes: on the embedded database (no
 * DATABASE_URL) they would each need it, and it serves one process (each would also run its own
 * private Redis, so sighook's entries would never reach the webhook). Refused before anything opens.
 */
export function assertStartTargetFitsDatabase(target: 'both' | 'webhook' | 'sighook', config: Config): void {
  if (target === 'both' || config.DATABASE_URL) return;
  throw new HooklineError(
    'CONFIG_INVALID',
    `\`start ${target}\` runs ${target} as a process of its own, but the embedded database (DATA_DIR, no ` +
      'DATABASE_URL) serves one process: use `start` (webhook and sighook in one process), or set ' +
      'DATABASE_URL (and REDIS_URL) so that separate processes share one PostgreSQL server and one Redis',
  );
}
