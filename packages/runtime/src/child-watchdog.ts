// Private servers (redis-server, postgres) must not outlive the process that owns them on any exit
// path, a `kill -9` included, where no handler of ours runs. So they are started through a watchdog:
// a small plain-node process that holds a pipe from us on its stdin. The kernel closes that pipe when
// we die, however we die; the watchdog then stops the server (SIGTERM, SIGKILL after a grace period)
// or runs a cleanup command, and exits. Closing the pipe ourselves is the normal stop.
import { type ChildProcess, spawn } from 'node:child_process';

/** What the watchdog runs and how it cleans up once its owner is gone. */
export interface WatchdogSpec {
  /** The server to run as the watchdog's child (its stderr is passed through); omit for cleanup only. */
  readonly command?: readonly string[];
  /** Run once the owner is gone (after the child, if any, has stopped), e.g. `pg_ctl stop`. */
  readonly cleanup?: readonly string[];
  /** How long the child gets after SIGTERM before SIGKILL (default 5 s). */
  readonly graceMs?: number;
}

// Plain CommonJS for `node -e`: no TypeScript loader, no imports of ours, so it starts in ~50 ms. It
// writes the child's pid as its first stdout line, forwards SIGTERM/SIGINT to the child, exits with
// the child's status when the child ends by itself, and stops everything when stdin ends (owner gone).
const WATCHDOG_SOURCE = `
const { spawn, spawnSync } = require('node:child_process');
const spec = JSON.parse(process.argv[1]);
let child;
let stopping = false;
const cleanupAndExit = (code) => {
  if (spec.cleanup) spawnSync(spec.cleanup[0], spec.cleanup.slice(1), { stdio: 'ignore' });
  process.exit(code);
};
if (spec.command) {
  child = spawn(spec.command[0], spec.command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
  process.stdout.write(String(child.pid) + '\\n');
  child.on('error', (error) => { process.stderr.write(String(error) + '\\n'); cleanupAndExit(127); });
  child.on('exit', (code, signal) => {
    if (stopping) return cleanupAndExit(0);
    process.exit(code === null ? 128 + (require('node:os').constants.signals[signal] || 0) : code);
  });
} else {
  process.stdout.write('0\\n');
}
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (!child || child.exitCode !== null || child.signalCode !== null) return cleanupAndExit(0);
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), spec.graceMs).unref();
};
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
process.stdin.on('data', () => {});
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.on('close', stop);
`;

/** A watched server: the watchdog process, the server's pid, and a stop that waits for both. */
export interface WatchedChild {
  /** The watchdog process (its exit code is the server's when the server ends by itself). */
  readonly watchdog: ChildProcess;
  /** The server's pid (undefined for a cleanup-only watchdog). */
  readonly pid: number | undefined;
  /** Stops the server and the watchdog and waits for the watchdog to exit (SIGKILL after a grace). */
  stop(): Promise<void>;
}

/**
 * Starts `spec.command` under a watchdog that dies with us, and resolves once the server's pid is
 * known. The watchdog runs in its own process group, so a terminal's Ctrl-C (sent to our foreground
 * group) does not stop the server before our own graceful drain is done with it.
 */
export async function startWatched(spec: WatchdogSpec): Promise<WatchedChild> {
  const graceMs = spec.graceMs ?? 5_000;
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, JSON.stringify({ ...spec, graceMs })], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = await firstLine(watchdog);
  // Our end of the pipes must not keep this process alive: the watchdog lives as long as we do.
  watchdog.unref();
  for (const stream of [watchdog.stdin, watchdog.stdout, watchdog.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
  return {
    watchdog,
    pid: pid === 0 ? undefined : pid,
    stop: () => stopWatchdog(watchdog, pid, graceMs),
  };
}

function firstLine(watchdog: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const newline = text.indexOf('\n');
      if (newline < 0) return;
      watchdog.stdout?.off('data', onData);
      const pid = Number(text.slice(0, newline));
      if (Number.isSafeInteger(pid)) resolve(pid);
      else reject(new Error(`the watchdog reported no pid: ${JSON.stringify(text)}`));
    };
    watchdog.stdout?.on('data', onData);
    watchdog.once('error', reject);
    watchdog.once('exit', (code) => reject(new Error(`the watchdog exited with ${code} before starting`)));
  });
}

async function stopWatchdog(watchdog: ChildProcess, pid: number, graceMs: number): Promise<void> {
  if (watchdog.exitCode !== null || watchdog.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      if (pid > 0) killQuietly(pid);
      watchdog.kill('SIGKILL');
    }, graceMs + 2_000);
    watchdog.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    watchdog.stdin?.end();
  });
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
