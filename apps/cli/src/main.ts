import { HooklineError } from '@hookline/core';
import { MigrationError } from '@hookline/db';
import { createLogger, RedisServerNotFoundError } from '@hookline/runtime';
import { ConfigError } from '@hookline/schemas';
import type { Logger } from 'pino';
import { loadEnvironment } from './environment.js';
import { installProcessFaultHandlers } from './process-faults.js';
import { USAGE, UsageError } from './usage.js';

/**
 * What the process-fault handlers use: the running command's logger and its quick stop, once it has
 * them. Installed before anything runs, so a fault at any moment is logged and ends the process.
 */
const running: { logger: Logger; quickStop: () => Promise<void> } = {
  logger: createLogger({ level: 'info', service: 'hookline' }),
  quickStop: async () => undefined,
};
installProcessFaultHandlers({
  logger: () => running.logger,
  quickStop: () => running.quickStop(),
  exit: (code) => process.exit(code),
});

/** Dispatches `pnpm hookline <command> ...` and returns the exit code. */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    case 'config':
      return (await import('./commands/config.js')).runConfigCommand(rest, loadEnvironment);
    case 'db': {
      const config = loadEnvironment();
      return await (await import('./commands/database.js')).runDatabaseCommand(rest, config);
    }
    case 'bench':
      return await (await import('./commands/bench.js')).runBenchCommand(rest);
    case 'ledger':
      return await (await import('./commands/ledger.js')).runLedgerCommand(rest, loadEnvironment());
    case 'tax':
      return await (await import('./commands/tax.js')).runTaxCommand(rest, loadEnvironment());
    case 'signals':
      return await (await import('./commands/signals.js')).runSignalsCommand(rest, loadEnvironment());
    case 'replay':
      return await (await import('./commands/replay.js')).runReplayCommand(rest, loadEnvironment());
    case 'start': {
      // Commands load their modules on demand: `ledger` or `bench` should not pay for ccxt and fastify.
      const { parseStartTarget, runStart } = await import('./commands/start.js');
      const target = parseStartTarget(rest[0]);
      const config = loadEnvironment();
      const logger = createLogger({ level: config.HOOKLINE_LOG_LEVEL, service: target });
      running.logger = logger;
      return await runStart(target, config, logger, {
        onQuickStop: (stop) => {
          running.quickStop = stop;
        },
      });
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** Known failures print one clear message; anything else prints its stack. */
function report(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`hookline: ${error.message}`);
    return 2;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(
      `hookline: ${error.message}\nSee .env.example for every key, its default and meaning.\n`,
    );
    return 78; // EX_CONFIG
  }
  // Failures with a message written for the operator: no stack trace needed.
  if (
    error instanceof RedisServerNotFoundError ||
    error instanceof MigrationError ||
    error instanceof HooklineError
  ) {
    process.stderr.write(`hookline: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(
    `hookline: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`,
  );
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(report(error)),
);
