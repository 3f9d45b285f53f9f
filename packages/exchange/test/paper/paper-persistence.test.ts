import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dec, TestClock } from '@hookline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FilePaperStateStore, PaperExchange } from '../../src/index.js';

describe('PaperExchange persistence', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hookline-paper-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when a deposit arrives then the balance holds it after a restart, and a deposit of zero or less is refused', async () => {
    const clock = new TestClock(Date.UTC(2025, 3, 1));
    const first = new PaperExchange({ clock, seed: 5, store: new FilePaperStateStore(dataDir) });
    first.deposit('SOL', dec('2.5'));
    first.deposit('SOL', dec('0.5'));
    expect(() => first.deposit('SOL', dec('0'))).toThrow('a deposit must be positive, not 0');
    expect(() => first.deposit('SOL', dec('-1'))).toThrow('a deposit must be positive, not -1');
    await first.close();

    const second = new PaperExchange({ clock, seed: 5, store: new FilePaperStateStore(dataDir) });
    const balances = await second.fetchBalances();
    await second.close();

    expect(balances.SOL?.total.toString()).toBe('3');
    expect(balances.SOL?.available.toString()).toBe('3');
  });

  it('when the embedded default restarts over its data dir then the paper position, open order and market continue', async () => {
    const clock = new TestClock(Date.UTC(2025, 3, 1));
    const first = new PaperExchange({ clock, seed: 5, store: new FilePaperStateStore(dataDir) });
    await first.createOrder({
      type: 'MARKET',
      clientOrderId: 'buy',
      symbol: 'SOL/USD',
      side: 'buy',
      amount: dec('2'),
    });
    const resting = await first.createOrder({
      type: 'LIMIT',
      clientOrderId: 'rest',
      symbol: 'SOL/USD',
      side: 'buy',
      amount: dec('1'),
      price: dec('100'),
      postOnly: true,
    });
    clock.advance(30_000);
    first.tick();
    const tickerBefore = await first.fetchTicker('SOL/USD');
    await first.close();

    const second = new PaperExchange({ clock, seed: 5, store: new FilePaperStateStore(dataDir) });

    expect((await second.fetchBalances()).SOL?.total.toString()).toBe('2');
    expect((await second.fetchOpenOrders()).map((order) => order.id)).toEqual([resting.id]);
    expect((await second.fetchTicker('SOL/USD')).bid.equals(tickerBefore.bid)).toBe(true);
    clock.advance(1_000);
    second.tick();
    expect((await second.fetchTicker('SOL/USD')).exchangeTime.getTime()).toBe(clock.nowMs());
  });

  it('when state is saved then the file holds decimals as strings and no temporary file is left', async () => {
    const clock = new TestClock(Date.UTC(2025, 3, 1));
    const store = new FilePaperStateStore(dataDir);
    const exchange = new PaperExchange({ clock, store, initialBalances: { USD: dec('1234.5') } });
    await exchange.close();

    const saved = JSON.parse(readFileSync(store.path, 'utf8'));

    expect(saved.balances.USD).toEqual({ total: '1234.5', reserved: '0' });
    expect(readdirSync(dataDir)).toEqual(['paper-exchange.json']);
  });

  it('when the state file is not JSON then opening refuses instead of starting an empty account', () => {
    writeFileSync(join(dataDir, 'paper-exchange.json'), '{"version":1,');

    expect(
      () => new PaperExchange({ clock: new TestClock(0), store: new FilePaperStateStore(dataDir) }),
    ).toThrow(/not valid JSON/);
  });

  it('when the data dir does not exist yet then the first save creates it', () => {
    const nested = join(dataDir, 'a', 'b');

    new PaperExchange({ clock: new TestClock(0), store: new FilePaperStateStore(nested) });

    expect(existsSync(join(nested, 'paper-exchange.json'))).toBe(true);
  });
});
