import { HooklineError } from '@hookline/core';
import { EmbeddedDatabaseInUseError, MigrationError } from '@hookline/db';
import { createLogger, RedisServerNotFoundError } from '@hookline/runtime';
import { ConfigError } from '@hookline/schemas';
import type { Logger } from 'pino';
import { loadEnvironment } from './environment.js';
import { endCommand, exitAfterOutput } from './process-end.js';
import { installProcessFaultHandlers } from './process-faults.js';
import { runProgram } from './program.js';

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
  exit: (code) => exitAfterOutput(code),
});

/** Known failures print one clear message; anything else prints its stack. */
function report(error: unknown): number {
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
    error instanceof EmbeddedDatabaseInUseError ||
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

// The exit code is set and the process ends by itself once stdout is flushed: never process.exit over
// a report a pipe has not taken yet (process-end.ts).
runProgram(process.argv.slice(2), {
  loadConfig: loadEnvironment,
  onStart: (logger) => {
    running.logger = logger;
  },
  onQuickStop: (stop) => {
    running.quickStop = stop;
  },
}).then(endCommand, (error: unknown) => endCommand(report(error)));
