import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from './find-executable.js';
import { findFreePort } from './free-port.js';

/** A throwaway PostgreSQL server on loopback, owned by the test run. */
export interface LocalPostgres {
  readonly url: string;
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
 * cluster belongs to `nobody` and the commands run through runuser.
 */
export async function startLocalPostgres(): Promise<LocalPostgres> {
  const bin = findPostgresBin();
  const port = await findFreePort();
  const dir = mkdtempSync(join(tmpdir(), 'hookline-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const full = join(bin, command);
    const result = isRoot
      ? spawnSync('runuser', ['-u', 'nobody', '--', full, ...args], { encoding: 'utf8', cwd: dir })
      : spawnSync(full, args, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '-N']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
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
