import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWatched } from './child-watchdog.js';
import { findExecutable } from './find-executable.js';
import { findFreePort } from './free-port.js';

/** A throwaway PostgreSQL server on loopback, owned by the test run. */
export interface LocalPostgres {
  readonly url: string;
  /** The postmaster's pid. */
  readonly pid: number;
  stop(): Promise<void>;
}

/** Finds initdb/pg_ctl: on PATH, or Debian's versioned directory (not on PATH by default). */
function findPostgresBin(): string {
  const onPath = findExecutable('pg_ctl');
  if (onPath) return join(onPath, '..');
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const bin = join(root, version, 'bin');
      if (existsSync(join(bin, 'pg_ctl'))) return bin;
    }
  }
  throw new Error(
    'PostgreSQL server binaries not found: `apt-get install -y postgresql` (scripts/test.sh installs it).',
  );
}

/**
 * initdb + pg_ctl start in a temp directory. Postgres refuses to run as root, so as root the
 * cluster belongs to `nobody` and the commands run through runuser. The server never outlives us: a
 * watchdog (child-watchdog.ts) stops it (`pg_ctl stop -m immediate`) and removes the directory as soon
 * as this process is gone, whatever the exit path (`kill -9` included); stop() does the same at once.
 */
export async function startLocalPostgres(): Promise<LocalPostgres> {
  const bin = findPostgresBin();
  const port = await findFreePort();
  const dir = mkdtempSync(join(tmpdir(), 'hookline-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  const asOwner = (command: string, args: string[]): string[] =>
    isRoot ? ['runuser', '-u', 'nobody', '--', join(bin, command), ...args] : [join(bin, command), ...args];
  const run = (command: string, args: string[]) => {
    const [program = '', ...rest] = asOwner(command, args);
    const result = spawnSync(program, rest, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  const stopAndRemove = [
    ...asOwner('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).map(shellQuoted),
    `; rm -rf ${shellQuoted(dir)}`,
  ].join(' ');
  // Armed before the server starts: a kill between the start and the return must not leave it behind.
  const watchdog = await startWatched({ cleanup: ['sh', '-c', stopAndRemove] });
  try {
    run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '-N']);
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    await watchdog.stop();
    throw error;
  }
  const pidLine = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    pid: Number(pidLine),
    stop: () => watchdog.stop(),
  };
}

function shellQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Used by scripts: prints whether server binaries exist (exit 0) or not (exit 1). */
export function hasPostgresBinaries(): boolean {
  try {
    findPostgresBin();
    return true;
  } catch {
    return false;
  }
}
