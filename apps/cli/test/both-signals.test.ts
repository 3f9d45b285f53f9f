import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.js';
import { cleanEnvironment, repositoryRoot, spawnCli, waitForHttpOk } from './support/run-cli.js';

const temporaryDirectories: string[] = [];
afterEach(() => {
  for (const directory of temporaryDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

// Found by experiment on the paper market's seeded history (seed 1, 300 one-minute candles): the last
// RSI(14) of BTC, ETH and SOL is between 28 and 51, and stays there for the next minutes, so "RSI ≤ 55
// is a BUY, RSI alone decides" makes sighook's very first matrix a BUY for every symbol, whenever the
// test runs. Everything else is the default configuration.
const BUY_ON_FIRST_MATRIX = {
  HOOKLINE_MATRIX_WEIGHTS: 'rsi=1',
  HOOKLINE_MATRIX_RSI_OVERSOLD: '55',
  HOOKLINE_MATRIX_BUY_THRESHOLD: '1',
};

interface Page<Item> {
  readonly items: readonly Item[];
}
type AlertItem = {
  id: string;
  source: string;
  status: string;
  parsed_payload: { alert: { symbol: string } };
};
type DecisionItem = { decision_id: string; intent: string; outcome: string; side: string; alert_id: string };
type OrderItem = {
  decision_id: string | null;
  source: string;
  side: string;
  symbol: string;
  trigger: string;
};

/** The service's READ_TOKEN: every read of /api needs it. */
const READ_TOKEN = 'both-signals-read-token-0123456789';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${READ_TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/**
 * `pnpm hookline signals` on the same DATA_DIR while the services hold its embedded database, with the
 * same settings (PORT, READ_TOKEN) as the service, as from the same .env.
 */
async function signalsWhileRunning(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'signals', '--json'], {
    cwd: repositoryRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

describe('pnpm hookline start (both, paper): sighook signals become entries', () => {
  it('when the first matrix of the seeded paper history is a BUY then a SIGHOOK alert becomes an ENTRY decision and an order', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hookline-both-signals-'));
    temporaryDirectories.push(dataDir);
    const port = await findFreePort();
    const api = `http://127.0.0.1:${port}/api`;
    const environment = cleanEnvironment({
      DATA_DIR: dataDir,
      PORT: String(port),
      READ_TOKEN,
      ...BUY_ON_FIRST_MATRIX,
    });
    const { child, output } = spawnCli(['start'], environment);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // A fresh embedded database migrates first: under a loaded machine that alone took 40 s.
      await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, 90_000, child);

      const alert = await eventually(
        async () => {
          const alerts = await getJson<Page<AlertItem>>(`${api}/alerts?status=PROCESSED`);
          return alerts.items.find((item) => item.source === 'SIGHOOK');
        },
        { timeoutMs: 20_000, intervalMs: 250, what: 'a processed SIGHOOK alert' },
      );
      const decisions = await getJson<Page<DecisionItem>>(
        `${api}/decisions?intent=ENTRY&alert_id=${alert.id}`,
      );
      expect(decisions.items).toHaveLength(1);
      const [decision] = decisions.items;
      expect(decision).toMatchObject({
        intent: 'ENTRY',
        side: 'BUY',
        outcome: 'ORDERED',
        alert_id: alert.id,
      });
      const orders = await getJson<Page<OrderItem>>(
        `${api}/orders?symbol=${alert.parsed_payload.alert.symbol}`,
      );
      expect(orders.items.find((order) => order.decision_id === decision?.decision_id)).toMatchObject({
        source: 'SIGHOOK',
        side: 'BUY',
        trigger: 'SIGNAL',
      });

      // The services hold the embedded database: `signals` reads the matrix through their API
      // instead of opening it too, and without the read token it says how.
      const signals = await signalsWhileRunning(environment);
      expect(signals.code, signals.stderr).toBe(0);
      expect(signals.stdout).toContain(alert.parsed_payload.alert.symbol);
      const refused = await signalsWhileRunning({ ...environment, READ_TOKEN: '' });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is in use by pid');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit, output()).toBe(0);
  }, 150_000);
});
