// What the process does with an error nothing caught (an unhandled rejection or an uncaught
// exception). A fault of the code is logged (pino, fatal), what can be stopped quickly is stopped, and
// the process ends with EXIT_FAULT so its supervisor restarts it in a clean state. An outage of the
// database, Redis or the network that escaped its handler is not such a fault: the outage passes and
// the code that owns the connection recovers, so it is logged loudly and the process keeps running.
import { infrastructureFailureOf } from '@hookline/runtime';
import type { Logger } from 'pino';

/** The exit code of a process ended by an uncaught error (EX_SOFTWARE). */
export const EXIT_FAULT = 70;

/** How long the quick stop may take before the process exits anyway. */
export const QUICK_STOP_MS = 3_000;

/** What the handlers need: where to log, what to stop, how to exit. */
export interface ProcessFaultOptions {
  /** Read when a fault happens: the command's logger once it has one. */
  readonly logger: () => Logger;
  /** Stops what can be stopped quickly (closing servers and connections); bounded by QUICK_STOP_MS. */
  readonly quickStop: () => Promise<void>;
  readonly exit: (code: number) => void;
  readonly quickStopMs?: number;
}

/** The handlers, to install with process.on (installProcessFaultHandlers does). */
export interface ProcessFaultHandlers {
  readonly onUnhandledRejection: (reason: unknown) => void;
  readonly onUncaughtException: (error: unknown) => void;
}

/** Builds the two handlers; after the first fault, later ones are only logged (the exit is under way). */
export function processFaultHandlers(options: ProcessFaultOptions): ProcessFaultHandlers {
  let ending = false;
  const handle = (origin: 'unhandledRejection' | 'uncaughtException', error: unknown) => {
    const logger = options.logger();
    const outage = infrastructureFailureOf(error);
    if (outage !== undefined && !ending) {
      logger.error(
        { err: error, origin, outage },
        `${outage} outage escaped its handler (${origin}): the process keeps running`,
      );
      return;
    }
    logger.fatal({ err: error, origin }, `${origin}: the process stops (exit ${EXIT_FAULT})`);
    if (ending) return;
    ending = true;
    const limit = options.quickStopMs ?? QUICK_STOP_MS;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, limit).unref());
    const stopped = options.quickStop().catch((stopError: unknown) => {
      logger.error({ err: stopError }, 'quick stop after a fault failed');
    });
    void Promise.race([stopped, timeout]).then(() => {
      logger.flush?.();
      options.exit(EXIT_FAULT);
    });
  };
  return {
    onUnhandledRejection: (reason) => handle('unhandledRejection', reason),
    onUncaughtException: (error) => handle('uncaughtException', error),
  };
}

/** Installs the handlers on this process. */
export function installProcessFaultHandlers(options: ProcessFaultOptions): void {
  const handlers = processFaultHandlers(options);
  process.on('unhandledRejection', handlers.onUnhandledRejection);
  process.on('uncaughtException', handlers.onUncaughtException);
}
