// A report piped into a slow reader arrives whole: the CLI sets its exit code and lets stdout drain
// instead of calling process.exit over a pipe the reader has not emptied (which cut reports at the
// pipe's 64 KiB with exit 0). The CLI runs as a user runs it, `hookline … | reader` in bash, the
// reader a separate process that waits before it starts and then takes one chunk at a time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededUniform, syntheticCandles } from '../../../test/support/synthetic-candles.js';
import { cleanEnvironment, repositoryRoot } from './support/run-cli.js';

/** Reads stdin after half a second, then one chunk every 10 ms, and writes what it got to argv[2]. */
const SLOW_READER = `
const { writeFileSync } = require('node:fs');
const chunks = [];
process.stdin.pause();
setTimeout(() => {
  process.stdin.on('data', (chunk) => {
    chunks.push(chunk);
    process.stdin.pause();
    setTimeout(() => process.stdin.resume(), 10);
  });
  process.stdin.on('end', () => writeFileSync(process.argv[2], Buffer.concat(chunks)));
  process.stdin.resume();
}, 500);
`;

let folder: string;
let candles: string;
let reader: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'hookline-pipe-'));
  reader = join(folder, 'slow-reader.cjs');
  writeFileSync(reader, SLOW_READER);
  // 2,500 hourly candles: `signals --all --json` prints one matrix row per candle, about 1.7 MB.
  const series = syntheticCandles({
    count: 2_500,
    startTimeMs: Date.UTC(2024, 0, 1),
    intervalMs: 3_600_000,
    startPrice: 60_000,
    uniform: seededUniform(15),
  });
  candles = join(folder, 'btc-usd.csv');
  writeFileSync(
    candles,
    `time,open,high,low,close,volume\n${series
      .map((c) => `${c.openTime.toISOString()},${c.open},${c.high},${c.low},${c.close},${c.volume}`)
      .join('\n')}\n`,
  );
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs `hookline <args> | slow reader` in bash; the CLI's own exit code (PIPESTATUS), its stderr. */
async function pipedThroughSlowReader(args: readonly string[], received: string) {
  const quoted = args.map((arg) => `'${arg}'`).join(' ');
  const script = `node --import tsx apps/cli/src/main.ts ${quoted} 2>"$ERR_FILE" | node '${reader}' '${received}'; exit "\${PIPESTATUS[0]}"`;
  const errFile = join(folder, 'stderr.txt');
  const child = spawn('bash', ['-c', script], {
    cwd: repositoryRoot,
    env: cleanEnvironment({ ERR_FILE: errFile, DATA_DIR: join(folder, 'data') }),
    stdio: 'ignore',
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr: readFileSync(errFile, 'utf8') };
}

async function withOutputFile(args: readonly string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
    cwd: repositoryRoot,
    env: cleanEnvironment({ DATA_DIR: join(folder, 'data') }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

describe('hookline output through a pipe', () => {
  it('when a report over 1 MB is piped into a slow reader then every byte arrives, as --output writes it', async () => {
    const args = ['signals', '--candles', candles, '--all', '--json'];
    const received = join(folder, 'piped.json');
    const written = join(folder, 'written.json');

    const piped = await pipedThroughSlowReader(args, received);
    const toFile = await withOutputFile([...args, '--output', written]);

    expect(piped).toEqual({ code: 0, stderr: '' });
    expect(toFile.code).toBe(0);
    const fromFile = readFileSync(written);
    expect(fromFile.length).toBeGreaterThan(1_000_000);
    expect(readFileSync(received).equals(fromFile)).toBe(true);
    expect(JSON.parse(fromFile.toString('utf8'))).toHaveLength(2_500);
    // --output is never silent: one line on stderr with the path, the bytes and the rows.
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toBe(`wrote ${written} (${fromFile.length} bytes, 2500 matrix rows)\n`);
  }, 120_000);

  it('when a piped command fails then its exit code reaches the shell', async () => {
    const empty = join(folder, 'empty.csv');
    writeFileSync(empty, 'time,open,high,low,close,volume\n');
    const piped = await pipedThroughSlowReader(
      ['signals', '--candles', empty, '--json'],
      join(folder, 'e.json'),
    );
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain('no candles in the file');
  }, 60_000);
});
