// Every command's --help, `help <command>`, and usage errors. The command tree runs in this process
// (runProgram with captured output; a loadConfig that throws proves nothing reads the environment),
// and the side-effect cases run the real CLI process.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/databases.js';
import { runProgram } from '../src/program.js';
import { cleanEnvironment, runCli } from './support/run-cli.js';

/** Every command a user can run, as typed after `hookline`, with a flag its help must list. */
const COMMANDS: ReadonlyArray<{ path: string[]; mentions: string }> = [
  { path: ['start'], mentions: '[service]' },
  { path: ['db'], mentions: 'migrate' },
  { path: ['db', 'migrate'], mentions: 'DATA_DIR' },
  { path: ['db', 'migration'], mentions: 'create' },
  { path: ['db', 'migration', 'create'], mentions: '<name...>' },
  { path: ['db', 'drift'], mentions: 'schema.prisma' },
  { path: ['ledger'], mentions: 'verify' },
  { path: ['ledger', 'import'], mentions: '--exchange <name>' },
  { path: ['ledger', 'sync'], mentions: '--since <date>' },
  { path: ['ledger', 'recompute'], mentions: '--symbol <symbol>' },
  { path: ['ledger', 'verify'], mentions: '--account <name>' },
  { path: ['tax'], mentions: 'report' },
  { path: ['tax', 'report'], mentions: '--account <name>' },
  { path: ['signals'], mentions: '--timeframe <tf>' },
  { path: ['replay'], mentions: '--ticks <file.csv>' },
  { path: ['bench'], mentions: '--only <name>' },
  { path: ['data'], mentions: 'download' },
  { path: ['data', 'download'], mentions: '--since <date>' },
  { path: ['config'], mentions: 'check' },
  { path: ['config', 'example'], mentions: '.env.example' },
  { path: ['config', 'check'], mentions: '--json' },
];

/** Runs the command tree in this process; any command that reaches for the configuration fails. */
async function run(argv: readonly string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runProgram(argv, {
    loadConfig: () => {
      throw new Error('the configuration was read');
    },
    onStart: () => {
      throw new Error('start ran');
    },
    onQuickStop: () => undefined,
    output: {
      writeOut: (text) => {
        stdout += text;
      },
      writeErr: (text) => {
        stderr += text;
      },
    },
  });
  return { code, stdout, stderr };
}

describe('hookline --help on every command', () => {
  it.each(COMMANDS)(
    'when `$path --help` is run then its usage is printed and it exits 0',
    async ({ path, mentions }) => {
      const result = await run([...path, '--help']);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(`Usage: hookline ${path.join(' ')}`);
      expect(result.stdout).toContain(mentions);
    },
  );

  it.each(COMMANDS)('when `help $path` is run then it prints the same help as --help', async ({ path }) => {
    const viaHelp = await run(['help', ...path]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe((await run([...path, '--help'])).stdout);
  });

  it('when nothing or `help` is given then the commands are listed on stdout with exit 0', async () => {
    for (const argv of [[], ['help'], ['--help'], ['-h']]) {
      const result = await run(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: hookline <command> [options]');
      for (const name of ['start', 'db', 'ledger', 'tax', 'signals', 'replay', 'bench', 'config']) {
        expect(result.stdout).toMatch(new RegExp(`^ {2}${name}\\b`, 'm'));
      }
    }
  });
});

describe('hookline usage errors', () => {
  it.each([
    {
      argv: ['tax', 'report', '--year', '2024', '--nope'],
      usage: 'hookline tax report',
      says: "unknown option '--nope'",
    },
    {
      argv: ['ledger', 'import', 'f.csv', '--symbol', 'BTC'],
      usage: 'hookline ledger import',
      says: "unknown option '--symbol'",
    },
    { argv: ['replay', '--tick', 'x.csv'], usage: 'hookline replay', says: "unknown option '--tick'" },
    { argv: ['bench', '--fast'], usage: 'hookline bench', says: "unknown option '--fast'" },
    { argv: ['db', 'migrate', 'now'], usage: 'hookline db migrate', says: 'too many arguments' },
    { argv: ['db', 'teleport'], usage: 'hookline db', says: "unknown command 'teleport'" },
    {
      argv: ['tax', 'report', '--format', 'xml'],
      usage: 'hookline tax report',
      says: 'Allowed choices are json, csv, 8949',
    },
    { argv: ['ledger'], usage: 'hookline ledger', says: '' },
    { argv: ['frobnicate'], usage: 'hookline <command>', says: "unknown command 'frobnicate'" },
    { argv: ['help', 'ledger', 'nope'], usage: 'hookline ledger', says: "unknown command 'ledger nope'" },
  ])(
    'when `$argv` is run then it exits 2 with what was wrong and the usage of $usage on stderr',
    async ({ argv, usage, says }) => {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(says);
      expect(result.stderr).toContain(`Usage: ${usage}`);
    },
  );
});

describe('hookline --help as a real process', () => {
  it('when `db migrate --help` is run then nothing is migrated or created, with a server or embedded', async () => {
    const database = await createTestDatabase('clihelp');
    const dataDir = join(mkdtempSync(join(tmpdir(), 'hookline-help-')), 'data');
    try {
      const server = await runCli(
        ['db', 'migrate', '--help'],
        cleanEnvironment({ DATABASE_URL: database.url }),
      );
      expect(server.code).toBe(0);
      expect(server.output).toContain('Usage: hookline db migrate');
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const tables = await client.query(
        "select table_name from information_schema.tables where table_schema = 'public'",
      );
      await client.end();
      expect(tables.rows).toEqual([]);

      const embedded = await runCli(['db', 'migrate', '--help'], cleanEnvironment({ DATA_DIR: dataDir }));
      expect(embedded.code).toBe(0);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await database.drop();
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    }
  }, 60_000);

  it('when an unknown flag is given then the process exits 2 with the usage on stderr and no stack', async () => {
    const result = await runCli(['ledger', 'import', '--help-me'], cleanEnvironment({}));
    expect(result.code).toBe(2);
    expect(result.output).toContain("error: unknown option '--help-me'");
    expect(result.output).toContain('Usage: hookline ledger import [options] <file>');
    expect(result.output).not.toContain('ERR_PARSE_ARGS');
    expect(result.output).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('when `help tax report` is run then the process prints the help of tax report and exits 0', async () => {
    const result = await runCli(['help', 'tax', 'report'], cleanEnvironment({}));
    expect(result.code).toBe(0);
    expect(result.output).toContain('Usage: hookline tax report [options]');
    expect(result.output).toContain('--format <format>');
  }, 30_000);
});
