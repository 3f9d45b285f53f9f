// One owner per embedded database. PGlite serves one process: two processes on one folder corrupt it
// (or abort in WASM), so whoever opens `${dataDir}/pglite` first takes `${dataDir}/pglite.lock`,
// created atomically (O_EXCL) and recording the holder's pid, command and start time. A second
// opener fails at once naming the holder. A lock whose pid is no longer running (a killed process) is
// taken over, with a notice on stderr. The lock is released when the database closes, and in any case
// when the process exits (normal end, error, or a SIGINT/SIGTERM nothing else handles).
//
// Hand-written rather than proper-lockfile: that library judges staleness by the lock's age (a timer
// refreshes it, and a killed holder's lock is taken over only after the stale period) and keeps no
// holder details; here a dead pid is recognised at once and the refusal names who holds the database.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabaseInUseError, type LockHolder } from './embedded-database-in-use-error.js';

/** Where the lock of a data directory's embedded database is. */
export function embeddedDatabaseLockPath(dataDir: string): string {
  return join(dataDir, 'pglite.lock');
}

/** Releases a lock once (later calls do nothing). */
export type ReleaseLock = () => void;

/** Locks this process holds, by path, with how many open handles share each one. */
const held = new Map<string, { count: number; content: string }>();

/**
 * Takes the lock of `dataDir`'s embedded database for this process (re-entrant: a process that opens
 * its database twice, e.g. migrate then serve, shares its one lock). Throws EmbeddedDatabaseInUseError
 * when a running process holds it.
 */
export function lockEmbeddedDatabase(
  dataDir: string,
  notice: (line: string) => void = writeNotice,
): ReleaseLock {
  const path = embeddedDatabaseLockPath(dataDir);
  const mine = held.get(path);
  if (mine !== undefined) {
    mine.count += 1;
    return releaseOnce(path);
  }
  const content = `${JSON.stringify(currentHolder())}\n`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(path, content, { flag: 'wx', mode: 0o644 });
      held.set(path, { count: 1, content });
      installExitRelease();
      return releaseOnce(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder === 'gone') continue;
    if (holder !== undefined && isRunning(holder))
      throw new EmbeddedDatabaseInUseError(dataDir, holder, holder.host !== hostname() ? path : undefined);
    notice(
      holder === undefined
        ? `hookline: ${path} was unreadable (left by an interrupted process): taking it over`
        : `hookline: the embedded database lock of pid ${holder.pid} (${holder.command}, since ${holder.since}) ` +
            'was left by a process that is no longer running: taking it over',
    );
    removeQuietly(path);
  }
  throw new Error(`could not take ${path}: another process keeps taking it over`);
}

/** Who holds the lock of `dataDir`'s embedded database, when a running process does. */
export function embeddedDatabaseHolder(dataDir: string): LockHolder | undefined {
  const holder = readHolder(embeddedDatabaseLockPath(dataDir));
  return holder !== undefined && holder !== 'gone' && isRunning(holder) ? holder : undefined;
}

function releaseOnce(path: string): ReleaseLock {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const mine = held.get(path);
    if (mine === undefined) return;
    mine.count -= 1;
    if (mine.count > 0) return;
    held.delete(path);
    removeIfMine(path, mine.content);
  };
}

function currentHolder(): LockHolder {
  const startTicks = processStartTicks(process.pid);
  return {
    pid: process.pid,
    command: commandLine(),
    since: new Date().toISOString(),
    host: hostname(),
    ...(startTicks === undefined ? {} : { startTicks }),
  };
}

// `hookline ledger verify`, not the node binary and the loader flags in front of it.
function commandLine(): string {
  const args = process.argv.slice(2);
  const script = process.argv[1] ?? '';
  const name = /apps[/\\]cli[/\\]/.test(script) ? 'hookline' : script.split(/[/\\]/).pop() || 'node';
  return [name, ...args].join(' ').slice(0, 200);
}

/** The recorded holder; undefined when the file is unreadable, 'gone' when there is no file. */
function readHolder(path: string): LockHolder | 'gone' | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return undefined;
    return {
      pid: parsed.pid,
      command: typeof parsed.command === 'string' ? parsed.command : 'unknown command',
      since: typeof parsed.since === 'string' ? parsed.since : 'an unknown time',
      host: typeof parsed.host === 'string' ? parsed.host : '',
      ...(typeof parsed.startTicks === 'string' ? { startTicks: parsed.startTicks } : {}),
    };
  } catch (error) {
    // Gone between the failed create and this read: the next attempt creates it.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
  }
}

/**
 * Whether the holder still runs: its pid exists and, where /proc tells, it is the same process (a pid
 * is reused, e.g. pid 1 of a restarted container). This process itself never holds a lock it has no
 * record of: such a lock is a previous incarnation's. A holder on another host cannot be checked.
 */
function isRunning(holder: LockHolder): boolean {
  // Another machine or container (a shared volume): its pid means nothing here, so it counts as running.
  if (holder.host !== '' && holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (holder.startTicks === undefined) return true;
  const now = processStartTicks(holder.pid);
  return now === undefined || now === holder.startTicks;
}

/** The process's start time in clock ticks since boot (/proc/<pid>/stat field 22), where Linux has it. */
function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function removeIfMine(path: string, content: string): void {
  try {
    if (readFileSync(path, 'utf8') === content) unlinkSync(path);
  } catch {
    // already gone
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

let exitReleaseInstalled = false;

/**
 * Removes every lock this process still holds when it exits, and on a SIGINT/SIGTERM that nothing
 * else in the process handles (a command other than `start`): remove, then die of the signal as
 * the default would. With another listener (start's graceful shutdown) the lock goes when it closes.
 */
function installExitRelease(): void {
  if (exitReleaseInstalled) return;
  exitReleaseInstalled = true;
  const releaseAll = () => {
    for (const [path, { content }] of held) removeIfMine(path, content);
    held.clear();
  };
  process.on('exit', releaseAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      releaseAll();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function writeNotice(line: string): void {
  process.stderr.write(`${line}\n`);
}
