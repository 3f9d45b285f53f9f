// `pnpm hookline replay` as a user runs it: the real CLI process, a throwaway embedded database, the
// exit settings from the environment, the report as JSON on stdout. The scenarios themselves are
// asserted in detail in-process (apps/webhook/test/replay); this checks the command around them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, runCli, spawnCli } from './support/run-cli.js';

const fixtures = new URL('./fixtures/replay/', import.meta.url).pathname;

/** Runs the CLI and keeps stdout apart (the JSON) from stderr (logs, warnings). */
async function runForStdout(args: readonly string[], env: NodeJS.ProcessEnv) {
  const { child, output } = spawnCli(args, env);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, output: output() };
}

describe('pnpm hookline replay', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'hookline-replay-cli-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('when a tick file and entries are replayed with --json then the report names the exit reason and the sold size', async () => {
    const result = await runForStdout(
      [
        'replay',
        '--ticks',
        `${fixtures}exit-timeout.ticks.csv`,
        '--entries',
        `${fixtures}exit-timeout.entries.csv`,
        '--json',
      ],
      cleanEnvironment({
        HOOKLINE_LOG_LEVEL: 'silent',
        HOOKLINE_EXIT_TIMEOUT_MS: '5000',
        HOOKLINE_EXIT_REPRICE_ATTEMPTS: '2',
        HOOKLINE_EXIT_ALLOW_MARKET: 'true',
        HOOKLINE_PROTECTIVE_STOPS: 'off',
      }),
    );

    expect(result.code, result.output).toBe(0);
    const report = JSON.parse(result.stdout) as {
      exits: Array<{ reason: string; filled_size: string; orders: number }>;
      orders: Array<{ trigger: string; type: string; exit_reason: string | null }>;
      open_positions: unknown[];
    };
    expect(report.exits).toEqual([
      expect.objectContaining({ reason: 'SOFT_STOP', filled_size: '0.8', orders: 4 }),
    ]);
    // The environment's settings were used: two LIMITs, then IOC, then MARKET (allowed; otherwise an IOC at the floor).
    expect(report.orders.filter((row) => row.trigger === 'EXIT').map((row) => row.type)).toEqual([
      'LIMIT',
      'LIMIT',
      'LIMIT',
      'MARKET',
    ]);
    expect(report.open_positions).toEqual([]);
  }, 90_000);

  it('when a tick file has a bad line then it exits non-zero naming the line', async () => {
    const ticks = join(scratch, 'bad.ticks.csv');
    writeFileSync(
      ticks,
      'time,symbol,bid,ask\n2025-03-03T10:00:00Z,BTC/USD,60000,60006\n2025-03-03T10:00:10Z,BTC/USD,abc,60006\n',
    );

    const result = await runCli(['replay', '--ticks', ticks, '--json'], cleanEnvironment({}));

    expect(result.code).not.toBe(0);
    expect(result.output).toContain('line 3');
    expect(result.output).toContain('bid "abc" is not a decimal');
  }, 60_000);

  it('when --ticks is missing then it is a usage error', async () => {
    const result = await runCli(['replay', '--json'], cleanEnvironment({}));

    expect(result.code).toBe(2);
    expect(result.output).toContain('replay needs --ticks FILE.csv');
  }, 60_000);
});
