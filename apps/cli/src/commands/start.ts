import type { RunningService } from '@hookline/runtime';
import type { Config } from '@hookline/schemas';
import { startSighookService } from '@hookline/sighook';
import { startWebhookService } from '@hookline/webhook';
import type { Logger } from 'pino';
import { openInfrastructure } from '../infrastructure.js';
import { exitAfterOutput } from '../process-end.js';
import { waitForShutdownSignal } from '../shutdown-signal.js';
import { UsageError } from '../usage.js';
import { assertStartTargetFitsDatabase } from './start-database-rule.js';

/** Which services `start` runs in this process. */
export type StartTarget = 'both' | 'webhook' | 'sighook';

/** Reads the start target from the command line (default both). */
export function parseStartTarget(argument: string | undefined): StartTarget {
  const target = argument ?? 'both';
  if (target === 'both' || target === 'webhook' || target === 'sighook') return target;
  throw new UsageError(`unknown service "${target}": expected both, webhook or sighook`);
}

/** How `start` cooperates with the process entry. */
export interface StartOptions {
  /** Receives what to stop quickly when the process ends on an uncaught error. */
  readonly onQuickStop?: (stop: () => Promise<void>) => void;
}

/**
 * Runs the chosen services until SIGINT/SIGTERM, then shuts down in order: stop intake and drain each
 * service (reverse start order), close Redis and the database, stop the private redis-server.
 * Returns the exit code: 0 after a clean shutdown, 1 when it overran HOOKLINE_SHUTDOWN_TIMEOUT_MS.
 */
export async function runStart(
  target: StartTarget,
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<number> {
  assertStartTargetFitsDatabase(target, config);
  const names = target === 'both' ? ['webhook', 'sighook'] : [target];
  // sighook alone gets a paper exchange of its own (public market data only) that never writes the
  // paper state file, which belongs to the webhook process; in both mode the two share one exchange.
  const infrastructure = await openInfrastructure(config, logger, {
    paperStateReadOnly: target === 'sighook',
  });
  const services: RunningService[] = [];
  const shutdown = async () => {
    for (const service of [...services].reverse()) await service.stop();
    await infrastructure.close();
  };
  // After a fault there is no drain: the connections, the exchange and the private Redis are closed.
  options.onQuickStop?.(() => infrastructure.close());
  try {
    const shared = { ...infrastructure, config, logger, servicesInProcess: names };
    if (names.includes('webhook')) services.push(await startWebhookService(shared));
    if (names.includes('sighook')) {
      services.push(await startSighookService({ ...shared, ownHealthServer: target === 'sighook' }));
    }
  } catch (error) {
    await shutdown();
    throw error;
  }
  logger.info(
    { services: names, mode: config.MODE, database: infrastructure.database.kind },
    'hookline started',
  );
  // The one hard exit of a command: the operator insists. It still waits (briefly) for the output.
  const signal = await waitForShutdownSignal(() => {
    logger.error('second signal during shutdown: exiting now');
    exitAfterOutput(130);
  });
  logger.info({ signal }, 'shutting down: stopping intake, draining, closing');
  const finished = await Promise.race([
    shutdown().then(() => true),
    new Promise<false>((resolve) => setTimeout(resolve, config.HOOKLINE_SHUTDOWN_TIMEOUT_MS, false).unref()),
  ]);
  if (!finished) {
    logger.error({ timeoutMs: config.HOOKLINE_SHUTDOWN_TIMEOUT_MS }, 'shutdown did not finish in time');
    return 1;
  }
  logger.info('shutdown complete');
  return 0;
}
