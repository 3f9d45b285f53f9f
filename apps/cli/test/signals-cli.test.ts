import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '@hookline/db';
import { writeLatestMatrixRow } from '@hookline/runtime';
import { type MatrixRow, matrixHashKey, matrixRowSchema, parseConfig } from '@hookline/schemas';
import { computeMatrixFromCandleCsv, matrixSettingsFromConfig } from '@hookline/sighook';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/databases.js';
import { cleanEnvironment, repositoryRoot } from './support/run-cli.js';

// btc-usd.csv: 60 hourly candles (a slide, then a recovery ending on a volume spike); with the default
// settings its last row is a BUY (3 against 1), documented in apps/sighook's candle-csv-matrix test.
const FIXTURE = join(repositoryRoot, 'apps/cli/test/fixtures/signals/btc-usd.csv');
const INDICATOR_NAMES = [
  'rsi',
  'macd',
  'macd_signal',
  'macd_histogram',
  'bb_upper',
  'bb_middle',
  'bb_lower',
  'atr',
  'roc',
  'ema_fast',
  'ema_slow',
  'volume_ratio',
];

/** Runs `pnpm hookline signals ...` with stdout and stderr apart (stdout carries only the rows). */
async function runSignals(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'signals', ...args], {
    cwd: repositoryRoot,
    env: cleanEnvironment(env),
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

function parsedRows(stdout: string): MatrixRow[] {
  return (JSON.parse(stdout) as unknown[]).map((row) => matrixRowSchema.parse(row));
}

describe('pnpm hookline signals --candles (offline)', () => {
  it('when given a candle file then it prints the last candle row computed with the environment settings', async () => {
    const result = await runSignals(['--candles', FIXTURE, '--json']);
    expect(result.code).toBe(0);
    const rows = parsedRows(result.stdout);
    const expected = computeMatrixFromCandleCsv(readFileSync(FIXTURE, 'utf8'), {
      symbol: 'BTC-USD',
      settings: matrixSettingsFromConfig(parseConfig({})),
    });
    expect(rows).toEqual(expected);
    const [row] = rows;
    expect(Object.keys(row?.indicators ?? {})).toEqual(INDICATOR_NAMES);
    expect(row).toMatchObject({
      symbol: 'BTC-USD',
      candle_time: '2024-03-03T11:00:00.000Z',
      buy_score: '3',
      sell_score: '1',
      action: 'BUY',
      indicators: { rsi: '87.9312648918', volume_ratio: '3.20793257567' },
    });
  });

  it('when --symbols and --all are given then every candle has a row under that symbol', async () => {
    const result = await runSignals(['--candles', FIXTURE, '--symbols', 'BTC/USD', '--all', '--json']);
    expect(result.code).toBe(0);
    const rows = parsedRows(result.stdout);
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((row) => row.symbol))).toEqual(new Set(['BTC/USD']));
    expect(rows[0]?.indicators.rsi).toBeNull();
  });

  it('when the environment raises the buy threshold then the same candles give HOLD', async () => {
    const result = await runSignals(['--candles', FIXTURE, '--json'], {
      HOOKLINE_MATRIX_BUY_THRESHOLD: '3.5',
    });
    expect(result.code).toBe(0);
    expect(parsedRows(result.stdout)[0]).toMatchObject({ buy_score: '3', action: 'HOLD' });
  });

  it('when --json is left out then a table with a header and one line per row is printed', async () => {
    const result = await runSignals(['--candles', FIXTURE]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^SYMBOL\s+TF\s+CANDLE\s+ACTION\s+BUY\s+SELL\s+RSI/);
    expect(lines[1]).toMatch(/^BTC-USD\s+1h\s+2024-03-03T11:00:00Z\s+BUY\s+3\s+1\s+87\.9312/);
  });

  it('when a line of the file is bad then the exit code is not 0 and the message names the line', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'hookline-signals-'));
    const file = join(directory, 'bad.csv');
    const [header, first, second] = readFileSync(FIXTURE, 'utf8').split('\n');
    writeFileSync(file, `${header}\n${first}\n${second?.replace(/,[\d.]+$/, ',lots')}\n`);
    const result = await runSignals(['--candles', file, '--json']);
    await rm(directory, { recursive: true, force: true });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('line 3: volume "lots" is not a decimal');
    expect(result.stderr).toContain(file);
  });

  it('when the file holds one candle then the message names --timeframe, and with it the row has that timeframe', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'hookline-signals-'));
    const file = join(directory, 'one.csv');
    const [header, first] = readFileSync(FIXTURE, 'utf8').split('\n');
    writeFileSync(file, `${header}\n${first}\n`);
    // Three CLI processes, side by side: one after another they outlast the timeout on a busy machine.
    const [without, given, unknown] = await Promise.all([
      runSignals(['--candles', file, '--json']),
      runSignals(['--candles', file, '--timeframe', '2h', '--json']),
      runSignals(['--candles', file, '--timeframe', '3h']),
    ]);
    await rm(directory, { recursive: true, force: true });

    expect(without.code).toBe(1);
    expect(without.stderr).toContain(
      `${file}: cannot tell the candle length (it holds a single candle); give it with --timeframe 1m|5m|15m|30m|1h|2h|6h|1d`,
    );
    expect(given.code).toBe(0);
    expect(parsedRows(given.stdout)[0]).toMatchObject({
      symbol: 'ONE',
      timeframe: '2h',
      candle_time: '2024-03-01T00:00:00.000Z',
      computed_at: '2024-03-01T02:00:00.000Z',
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--timeframe "3h" is not a candle length: expected 1m, 5m, 15m, 30m, 1h, 2h, 6h, 1d',
    );
    expect(unknown.stderr).toContain('Usage: hookline signals [options]');
  }, 60_000);
});

describe('pnpm hookline signals (live, REDIS_URL)', () => {
  const redis = new Redis(inject('redisUrl'));
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const fresh = `FRESH${tag}/USD`;
  const stale = `STALE${tag}/USD`;
  const missing = `MISSING${tag}/USD`;
  const env = { REDIS_URL: inject('redisUrl'), HOOKLINE_MATRIX_MAX_AGE_MS: '60000' };

  function rowOf(symbol: string, computedAtMs: number): MatrixRow {
    const [row] = computeMatrixFromCandleCsv(readFileSync(FIXTURE, 'utf8'), {
      symbol,
      settings: matrixSettingsFromConfig(parseConfig({})),
    });
    return { ...(row as MatrixRow), computed_at: new Date(computedAtMs).toISOString() };
  }

  beforeAll(async () => {
    await writeLatestMatrixRow(redis, rowOf(fresh, Date.now()));
    await writeLatestMatrixRow(redis, rowOf(stale, Date.now() - 3_600_000));
  });

  afterAll(async () => {
    await redis.del(matrixHashKey(fresh), matrixHashKey(stale));
    await redis.quit();
  });

  it('when a fresh row is in Redis then it is printed as written', async () => {
    const result = await runSignals(['--symbols', fresh, '--json'], env);
    expect(result.code).toBe(0);
    expect(parsedRows(result.stdout)).toEqual([
      JSON.parse((await redis.hget(matrixHashKey(fresh), 'row')) ?? ''),
    ]);
    expect(result.stderr).toBe('');
  });

  it('when some rows are stale or missing then the fresh ones print and the others are named with the reason', async () => {
    const result = await runSignals(['--symbols', `${fresh},${stale},${missing}`, '--json'], env);
    expect(result.code).toBe(0);
    expect(parsedRows(result.stdout).map((row) => row.symbol)).toEqual([fresh]);
    expect(result.stderr).toMatch(
      new RegExp(`${stale}: refused \\(STALE\\): matrix row computed \\d+ ms ago; the limit is 60000 ms`),
    );
    expect(result.stderr).toContain(`${missing}: refused (MISSING): no matrix row`);
  });

  it('when no row at all can be printed then the exit code is 1', async () => {
    const result = await runSignals(['--symbols', stale, '--json'], env);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.stderr).toContain(`${stale}: refused (STALE)`);
  });

  it('when Redis cannot be reached then the exit code is 1 and the reason is printed', async () => {
    const result = await runSignals(['--symbols', fresh], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot read the matrix from Redis at 127.0.0.1:1');
  });
});

describe('pnpm hookline signals (live, DATABASE_URL)', () => {
  it('when Redis is not configured then the newest signal_matrix row of the timeframe is read from the database', async () => {
    const testDatabase = await createTestDatabase('signals');
    await migrateDatabase({ databaseUrl: testDatabase.url, dataDir: '.' });
    const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: '.' });
    const [row] = computeMatrixFromCandleCsv(readFileSync(FIXTURE, 'utf8'), {
      symbol: 'BTC/USD',
      settings: matrixSettingsFromConfig(parseConfig({})),
    });
    const computedAt = new Date(Date.now() - 1_000);
    try {
      await database.prisma.signalMatrix.create({
        data: {
          symbol: 'BTC/USD',
          timeframe: '1h',
          candleTime: new Date(row?.candle_time ?? ''),
          computedAt,
          indicators: row?.indicators ?? {},
          buyScore: row?.buy_score ?? '0',
          sellScore: row?.sell_score ?? '0',
          action: 'BUY',
          atr: row?.atr ?? null,
        },
      });
    } finally {
      await database.close();
    }
    const result = await runSignals(['--symbols', 'BTC/USD,ETH/USD', '--json'], {
      DATABASE_URL: testDatabase.url,
      HOOKLINE_SIGHOOK_TIMEFRAME: '1h',
    });
    await testDatabase.drop();
    expect(result.code).toBe(0);
    expect(parsedRows(result.stdout)).toEqual([{ ...row, computed_at: computedAt.toISOString() }]);
    expect(result.stderr).toContain('ETH/USD: refused (MISSING)');
  });
});
