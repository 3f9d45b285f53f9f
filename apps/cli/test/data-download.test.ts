// `data download` against a local Coinbase Advanced Trade (node:http, the venue's candle format), run
// in this process through the real CcxtExchange (so ccxt's requests, the gateway's budget and the
// files are real); bad flags through the command tree; one run of the real CLI process.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '@hookline/core';
import { CcxtExchange, validateCandles } from '@hookline/exchange';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDataDownload } from '../src/commands/data-download.js';
import { downloadArguments } from '../src/data/download-arguments.js';
import { runProgram } from '../src/program.js';
import { type CandleServer, hourlyCandles, startCandleServer } from './support/candle-server.js';
import { cleanEnvironment, runCli } from './support/run-cli.js';

const T0 = Date.UTC(2025, 0, 1) / 1_000;
const HOUR_MS = 3_600_000;
let server: CandleServer;
let dir: string;

beforeAll(async () => {
  server = await startCandleServer(['BTC-USD', 'ETH-USD']);
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookline-candles-'));
  server.requests.length = 0;
  server.failing.clear();
  for (const id of server.candles.keys()) server.candles.set(id, []);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** One `data download --exchange coinbase --timeframe 1h --since 2025-01-01` at a fixed now. */
async function download(nowHours: number, symbols = ['BTC-USD']) {
  const exchange = new CcxtExchange({
    venue: 'coinbase',
    clock: new SystemClock(),
    urls: { rest: server.restUrl },
    retry: { maxRetries: 0 },
  });
  let stdout = '';
  let stderr = '';
  const request = downloadArguments({
    exchange: 'coinbase',
    symbols,
    timeframe: '1h',
    since: '2025-01-01',
    dir,
  });
  const code = await runDataDownload(request, {
    exchange,
    nowMs: T0 * 1_000 + nowHours * HOUR_MS,
    write: (text) => {
      stdout += text;
    },
    writeError: (text) => {
      stderr += text;
    },
  }).finally(() => exchange.close());
  return { code, stdout, stderr };
}

const fileOf = (symbol: string) => join(dir, '1h', `${symbol}.csv`);
const rowsOf = (symbol: string) => readFileSync(fileOf(symbol), 'utf8').trim().split('\n').slice(1);

describe('pnpm hookline data download', () => {
  it('when the range spans several pages then they are stitched in order without a duplicate or the forming candle', async () => {
    server.candles.set('BTC-USD', hourlyCandles(T0, 701));
    server.candles.set('ETH-USD', hourlyCandles(T0, 701));

    const result = await download(700.5, ['BTC-USD', 'eth/usd']);

    expect(result.code).toBe(0);
    expect(server.requests.filter((r) => r.product === 'BTC-USD')).toHaveLength(3);
    // Coinbase public REST: 10 requests/s; the gateway's market data budget spaces them 100 ms apart
    // (measured on arrival, so one request's latency may shift a single spacing: the span is checked).
    const arrivals = server.requests.map((r) => r.atMs);
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(
      (arrivals.length - 1) * 100 - 50,
    );
    for (const symbol of ['BTC-USD', 'ETH-USD']) {
      const text = readFileSync(fileOf(symbol), 'utf8');
      const rows = validateCandles(text, { file: symbol, timeframeMs: HOUR_MS, warmupCandles: 700 });
      expect(rows).toHaveLength(700);
      expect(rows.at(-1)?.timeMs).toBe((T0 + 699 * 3_600) * 1_000);
    }
    expect(rowsOf('BTC-USD')[0]).toBe('2025-01-01T00:00:00Z,100,101.25,99.5,100.75,0.125');
    expect(result.stdout).toContain(
      `BTC/USD → ${fileOf('BTC-USD')}: 700 candles written (2025-01-01T00:00:00Z to 2025-01-30T03:00:00Z)`,
    );
  });

  it('when run again later then it resumes after the last candle and adds only the new ones', async () => {
    server.candles.set('BTC-USD', hourlyCandles(T0, 400));
    expect((await download(400)).code).toBe(0);
    const before = readFileSync(fileOf('BTC-USD'), 'utf8');
    server.candles.set('BTC-USD', hourlyCandles(T0, 650));
    server.requests.length = 0;

    const second = await download(650);

    expect(second.code).toBe(0);
    expect(server.requests[0]?.start).toBe(T0 + 400 * 3_600);
    const after = readFileSync(fileOf('BTC-USD'), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(rowsOf('BTC-USD')).toHaveLength(650);
    expect(second.stdout).toContain('250 candles written');
    expect(second.stdout).toContain('resumed after 2025-01-17T15:00:00Z');
    expect((await download(650)).stdout).toContain('0 candles written');
    expect(rowsOf('BTC-USD')).toHaveLength(650);
  });

  it('when the venue lacks candles inside the range then the gap is listed and nothing is invented', async () => {
    server.candles.set(
      'BTC-USD',
      hourlyCandles(T0, 500).filter((_, index) => index < 100 || index > 102),
    );

    const result = await download(500);

    expect(result.code).toBe(0);
    expect(rowsOf('BTC-USD')).toHaveLength(497);
    expect(result.stdout).toContain(
      'gap: 3 candles missing from 2025-01-05T04:00:00Z to 2025-01-05T06:00:00Z (not returned by coinbase)',
    );
  });

  it('when the venue fails mid-way then the complete pages stay and the next run continues', async () => {
    server.candles.set('BTC-USD', hourlyCandles(T0, 700));
    server.failing.add(2);

    const first = await download(700);

    expect(first.code).toBe(1);
    expect(rowsOf('BTC-USD')).toHaveLength(300);
    expect(first.stderr).toContain('BTC/USD: stopped');
    expect(first.stderr).toContain('run the command again to continue');
    server.failing.clear();
    const second = await download(700);
    expect(second.code).toBe(0);
    const text = readFileSync(fileOf('BTC-USD'), 'utf8');
    expect(validateCandles(text, { file: 'BTC-USD', timeframeMs: HOUR_MS, warmupCandles: 700 })).toHaveLength(
      700,
    );
  });

  it('when the existing file does not parse then the market is refused with the line and the file kept', async () => {
    server.candles.set('BTC-USD', hourlyCandles(T0, 10));
    mkdirSync(join(dir, '1h'), { recursive: true });
    const broken = `time,open,high,low,close,volume\n2025-01-01T00:00:00Z,1,x,1,1,1\n`;
    writeFileSync(fileOf('BTC-USD'), broken);

    const result = await download(10);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${fileOf('BTC-USD')}: `);
    expect(result.stderr).toContain('line 2: high "x" is not a decimal');
    expect(readFileSync(fileOf('BTC-USD'), 'utf8')).toBe(broken);
  });

  it.each([
    [['--symbols', 'BTC-USD', '--timeframe', '1h', '--since', '2025-01-01'], '--exchange is required'],
    [
      ['--exchange', 'ftx', '--symbols', 'BTC-USD', '--timeframe', '1h', '--since', '2025-01-01'],
      '--exchange must be one of',
    ],
    [['--exchange', 'coinbase', '--timeframe', '1h', '--since', '2025-01-01'], '--symbols is required'],
    [
      ['--exchange', 'coinbase', '--symbols', 'BTC-USD', '--timeframe', '3h', '--since', '2025-01-01'],
      '--timeframe must be one of',
    ],
    [
      ['--exchange', 'coinbase', '--symbols', 'BTC-USD', '--timeframe', '1h', '--since', '2025-01-01T00:00'],
      '--since "2025-01-01T00:00" is not a date',
    ],
    [
      [
        '--exchange',
        'coinbase',
        '--symbols',
        'BTC-USD',
        '--timeframe',
        '1h',
        '--since',
        '2025-02-01',
        '--until',
        '2025-01-01',
      ],
      '--until (2025-01-01) must be after --since',
    ],
  ])('when the flags are %j then it exits 2 with the reason', async (flags, reason) => {
    let stderr = '';
    const code = await runProgram(['data', 'download', ...flags], {
      loadConfig: () => {
        throw new Error('the configuration was read');
      },
      onStart: () => undefined,
      onQuickStop: () => undefined,
      output: {
        writeOut: () => undefined,
        writeErr: (text) => {
          stderr += text;
        },
      },
    });
    expect(code).toBe(2);
    expect(stderr).toContain(reason);
  });

  it('when the real CLI is pointed at the venue with EXCHANGE_REST_URL then it writes the file', async () => {
    server.candles.set('BTC-USD', hourlyCandles(T0, 48));
    const args = ['data', 'download', '--exchange', 'coinbase', '--symbols', 'BTC-USD', '--timeframe', '1h'];
    const result = await runCli(
      [...args, '--since', '2025-01-01', '--until', '2025-01-02', '--dir', dir],
      cleanEnvironment({ EXCHANGE_REST_URL: server.restUrl }),
    );
    expect(result.output).toContain('24 candles written');
    expect(result.code).toBe(0);
    expect(rowsOf('BTC-USD')).toHaveLength(24);
  }, 60_000);
});
