import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@hookline/db';
import { findFreePort } from '@hookline/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, spawnCli, waitForHttpOk } from './support/run-cli.js';

const passphrase = 'correct-horse-battery';

function paperBtc(dataDir: string): string | undefined {
  try {
    const state = JSON.parse(readFileSync(join(dataDir, 'paper-exchange.json'), 'utf8')) as {
      balances?: Record<string, { total: string }>;
    };
    return state.balances?.BTC?.total;
  } catch {
    return undefined;
  }
}

async function until<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

async function runUntilStopped(
  dataDir: string,
  during: (port: number, child: ChildProcess) => Promise<void>,
): Promise<{ code: number | null; output: string }> {
  const port = await findFreePort();
  const { child, output } = spawnCli(
    ['start'],
    cleanEnvironment({ DATA_DIR: dataDir, PORT: String(port), WEBHOOK_PASSPHRASE: passphrase }),
  );
  await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, 60_000, child);
  await during(port, child);
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return { code: await exit, output: output() };
}

describe('embedded default in paper mode across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookline-paper-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when a TradingView buy alert fills and the system restarts then the paper position and its ledger rows are still there', async () => {
    let boughtBtc = '';
    const first = await runUntilStopped(dataDir, async (port, child) => {
      // Entries wait for the start-up reconciliation; /readyz turns green when it has succeeded.
      await waitForHttpOk(`http://127.0.0.1:${port}/readyz`, 30_000, child);
      const response = await fetch(`http://127.0.0.1:${port}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({
          passphrase,
          id: 'restart-1',
          ticker: 'BTCUSD',
          action: 'buy',
          size: { quote: '100' },
        }),
      });
      expect(response.status).toBe(202);
      boughtBtc = await until(() => {
        const btc = paperBtc(dataDir);
        return btc && Number(btc) > 0 ? btc : undefined;
      }, 30_000);
    });
    expect(first.code).toBe(0);

    const second = await runUntilStopped(dataDir, async (port, child) => {
      await waitForHttpOk(`http://127.0.0.1:${port}/readyz`, 30_000, child);
    });
    expect(second.code).toBe(0);
    expect(paperBtc(dataDir)).toBe(boughtBtc);

    const database = await openDatabase({ dataDir });
    try {
      const order = await database.prisma.tradeRecord.findFirstOrThrow({ where: { side: 'BUY' } });
      expect(order).toMatchObject({ status: 'FILLED', trigger: 'ALERT' });
      expect(order.filledSize.toString()).toBe(boughtBtc);
      const lots = await database.prisma.$queryRawUnsafe<Array<{ remaining_size: string }>>(
        'SELECT remaining_size::text FROM open_lots',
      );
      expect(lots.map((lot) => lot.remaining_size)).toEqual([boughtBtc]);
    } finally {
      await database.close();
    }
  }, 150_000);
});
