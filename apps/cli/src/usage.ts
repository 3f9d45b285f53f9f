/**
 * A command line that asks for something the command cannot do (a missing or malformed value), with
 * what was wrong. The program prints the message with the usage of the command that threw it, exit 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The exit code of a usage error (an unknown command or flag, a missing or malformed value). */
export const EXIT_USAGE = 2;
