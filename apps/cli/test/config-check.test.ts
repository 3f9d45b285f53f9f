// `pnpm hookline config check` as a user runs it: a readable summary of where the process would
// trade and store, the key risk and exit settings, what is set versus defaulted (secrets hidden), and a
// "did you mean" for variables that look like misspelt keys.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { misspeltKeys } from '../src/config/unknown-keys.js';
import { cleanEnvironment, repositoryRoot, runCli } from './support/run-cli.js';

const PASSPHRASE = 'correct-horse-battery-staple';

describe('pnpm hookline config check', () => {
  it('when keys are set and some misspelt then the summary shows them, hides secrets and suggests the key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hookline-config-'));
    try {
      const result = await runCli(
        ['config', 'check'],
        cleanEnvironment({
          DATA_DIR: dataDir,
          WEBHOOK_PASSPHRASE: PASSPHRASE,
          DATABASE_URL: 'postgresql://trader:hunter2-secret@db.internal:5432/hookline',
          HOOKLINE_HARD_STOP_PCT: '5',
          EXCHANGE_API_SECRT: 'oops',
          REDIS_URI: 'redis://localhost:6379',
          DATA_DIRECTORY_OF_SOMETHING_ELSE: 'x',
        }),
      );
      expect(result.code).toBe(0);
      const lines = result.output.split('\n');
      expect(lines[0]).toBe('configuration: valid');
      expect(lines).toContain(
        'mode        paper (orders simulated on the simulated market, offline, no keys)',
      );
      expect(lines).toContain('database    PostgreSQL server at db.internal:5432/hookline');
      expect(lines).toContain('redis       a private redis-server started with the process');
      expect(lines).toContain('passphrase  WEBHOOK_PASSPHRASE set');
      expect(result.output).toMatch(/^ {2}HOOKLINE_HARD_STOP_PCT +5$/m);
      expect(result.output).toMatch(/^ {2}HOOKLINE_SOFT_STOP_PCT +2\.5 \(default\)$/m);
      expect(result.output).toContain('set in the environment or .env (5):');
      expect(result.output).toMatch(/^ {2}WEBHOOK_PASSPHRASE +set \(value hidden\)$/m);
      expect(result.output).toMatch(/^ {2}DATABASE_URL +set \(value hidden\)$/m);
      expect(result.output).not.toContain(PASSPHRASE);
      expect(result.output).not.toContain('hunter2');
      expect(result.output).toContain(
        'EXCHANGE_API_SECRT is not a Hookline key and is ignored: did you mean EXCHANGE_API_SECRET?',
      );
      expect(result.output).toContain(
        'REDIS_URI is not a Hookline key and is ignored: did you mean REDIS_URL?',
      );
      expect(result.output).not.toContain('DATA_DIRECTORY_OF_SOMETHING_ELSE');
      expect(result.output).not.toContain('{');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('when --json is given then the whole configuration is printed as JSON with secrets redacted', async () => {
    const result = await runCli(
      ['config', 'check', '--json'],
      cleanEnvironment({ WEBHOOK_PASSPHRASE: PASSPHRASE, HOOKLINE_HARD_STOP_PCT: '5' }),
    );
    expect(result.code).toBe(0);
    const config = JSON.parse(result.output) as Record<string, unknown>;
    expect(config).toMatchObject({ MODE: 'paper', WEBHOOK_PASSPHRASE: '[redacted]' });
    expect(result.output).not.toContain(PASSPHRASE);
  }, 30_000);

  it('when a HOOKLINE_ key is misspelt then the check fails with the nearest key (exit 78)', async () => {
    const result = await runCli(['config', 'check'], cleanEnvironment({ HOOKLINE_HARD_STOP_PC: '5' }));
    expect(result.code).toBe(78);
    expect(result.output).toContain(
      'HOOKLINE_HARD_STOP_PC: unknown key (did you mean HOOKLINE_HARD_STOP_PCT?)',
    );
  }, 30_000);

  it('when the misspelt key is in .env then it is named too', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hookline-dotenv-'));
    try {
      writeFileSync(join(folder, '.env'), 'WEBHOOK_PASSPHRSE=abc\n');
      // The working directory is where .env is read; tsx is found from the repository.
      const tsx = import.meta.resolve('tsx');
      const result = spawnSync(
        process.execPath,
        ['--import', tsx, join(repositoryRoot, 'apps/cli/src/main.ts'), 'config', 'check'],
        { cwd: folder, env: cleanEnvironment({}), encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain(
        'WEBHOOK_PASSPHRSE is not a Hookline key and is ignored: did you mean WEBHOOK_PASSPHRASE?',
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('misspelt keys', () => {
  it.each([
    { name: 'EXCHANGE_APIKEY', suggestion: 'EXCHANGE_API_KEY' },
    { name: 'DATABASE_URI', suggestion: 'DATABASE_URL' },
    { name: 'MODE_', suggestion: 'MODE' },
    { name: 'PORT', suggestion: undefined },
    { name: 'REDIS_HOST_OF_ANOTHER_APP', suggestion: undefined },
    { name: 'PATH', suggestion: undefined },
  ])('when $name is in the environment then the suggestion is $suggestion', ({ name, suggestion }) => {
    const found = misspeltKeys({ [name]: 'x' });
    expect(found).toEqual(suggestion === undefined ? [] : [{ name, suggestion }]);
  });
});
