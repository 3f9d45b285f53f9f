// How the CLI ends. A command sets the exit code and returns; the process then ends by itself once
// stdout and stderr are flushed. `process.exit` straight after a write to a pipe drops whatever the
// reader has not taken yet (a report piped into `less` or `cat` was cut at the pipe's 64 KiB), so
// the only hard exits (after a fault, or a second Ctrl-C during shutdown) wait for the output first.

/** How long a hard exit waits for stdout and stderr to flush (a reader that stopped reading). */
const FLUSH_LIMIT_MS = 2_000;

/** How long the process may linger after its command finished and its output is flushed. */
const LINGER_LIMIT_MS = 5_000;

/** Resolves once everything written so far to `stream` has been handed to the operating system. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

/** Resolves once stdout and stderr are flushed, or after `limitMs` (a reader that stopped reading). */
export async function outputFlushed(limitMs = FLUSH_LIMIT_MS): Promise<void> {
  await Promise.race([
    Promise.all([drained(process.stdout), drained(process.stderr)]),
    new Promise<void>((resolve) => setTimeout(resolve, limitMs).unref()),
  ]);
}

/** Ends the process now with `code`, after its output is flushed (the hard exits only). */
export function exitAfterOutput(code: number): void {
  process.exitCode = code;
  void outputFlushed().then(() => process.exit(code));
}

/**
 * Ends a finished command: sets the exit code and lets the event loop empty. Once the output is
 * flushed, a handle a library left open may not keep the process alive: after LINGER_LIMIT_MS it is
 * named on stderr and the process exits with the command's code (the output is complete by then).
 */
export function endCommand(code: number): void {
  process.exitCode = code;
  void outputFlushed().then(() => {
    setTimeout(() => {
      const open = process.getActiveResourcesInfo().filter((name) => name !== 'Timeout');
      process.stderr.write(`hookline: still open after the command finished (${open.join(', ')}); exiting\n`);
      process.exit(code);
    }, LINGER_LIMIT_MS).unref();
  });
}
