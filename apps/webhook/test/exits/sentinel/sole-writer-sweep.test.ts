// A sole writer's sweeps (a backtest's: nothing but this process writes its own database) read nothing
// that only this process could have changed: with nothing changed a sweep makes no statement at all,
// and what the process records (a buy's fill) is still seen by the very next sweep. Over the webhook
// system without Redis, on an embedded database whose every Prisma operation is counted.
import { dec, TestClock } from '@hookline/core';
import { openMemoryDatabase, type PrismaClient } from '@hookline/db';
import { PaperExchange, ScriptedPriceSource } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplayFillSync } from '../../../src/replay/replay-fills.js';
import { buildWebhookSystem } from '../../../src/webhook-system.js';

const SYMBOL = 'BTC/USD';
const logger = createLogger({ level: 'silent', format: 'json', service: 'sole-writer-sweep-test' });

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
});

/** The webhook system without Redis over a fresh embedded database, and the statements it makes. */
async function soleWriterSystem(soleWriter: boolean) {
  const database = await openMemoryDatabase();
  const counter = { statements: 0 };
  const counted = database.prisma.$extends({
    query: {
      async $allOperations({ args, query }) {
        counter.statements += 1;
        return await query(args);
      },
    },
  }) as unknown as PrismaClient;
  const clock = new TestClock(Date.parse('2025-01-01T00:00:00Z'));
  const prices = new ScriptedPriceSource();
  const exchange = new PaperExchange({ clock, priceSource: prices });
  // Quotes repeat unchanged here; a frozen feed would make every sweep write why it did not sell.
  const config = parseConfig({ MODE: 'paper', HOOKLINE_QUOTE_FROZEN_AFTER_MS: '86400000' });
  const store = storeOf(counted);
  const system = await buildWebhookSystem(
    { config, store, exchange, clock, logger, redis: undefined },
    { soleWriter },
  );
  const fills = new ReplayFillSync({ store, exchange, recorder: system.recorder, logger });
  /** The next path point: one second on, the quote at `mid` (1 bp either side). */
  const quote = (mid: string) => {
    clock.advance(1_000);
    const price = dec(mid);
    prices.push({
      symbol: SYMBOL,
      timeMs: clock.nowMs(),
      bid: price.times('0.9999'),
      ask: price.times('1.0001'),
      bidSize: dec('5'),
      askSize: dec('5'),
      volume: dec('0'),
    });
    exchange.tick();
  };
  /** One sweep, after the fills of the venue are in the ledger, and the statements it made. */
  const sweep = async () => {
    await fills.sync();
    const before = counter.statements;
    const report = await system.sentinel.sweepOnce();
    return { report, statements: counter.statements - before };
  };
  /** Buys `amount` at the ask, as an order of ours would fill, and records its fill through the process. */
  const buy = async (amount: string) => {
    await exchange.createOrder({
      type: 'MARKET',
      clientOrderId: `buy-${clock.nowMs()}`,
      symbol: SYMBOL,
      side: 'buy',
      amount: dec(amount),
    });
    await fills.sync();
  };
  opened.push(database);
  return { quote, sweep, buy };
}

describe("a sole writer's sweep", () => {
  it.each([
    { soleWriter: true, readsDatabase: false },
    { soleWriter: false, readsDatabase: true },
  ])(
    'when soleWriter is $soleWriter and nothing changed since the last sweep then the sweep reads the database: $readsDatabase',
    async ({ soleWriter, readsDatabase }) => {
      const h = await soleWriterSystem(soleWriter);
      h.quote('60000');
      await h.buy('0.01');
      // The first sweeps read the position, write its state and place its protective stop.
      for (let sweep = 0; sweep < 3; sweep += 1) {
        h.quote('60000');
        expect((await h.sweep()).report?.positions).toBe(1);
      }

      h.quote('60000');
      const steady = await h.sweep();

      expect(steady.report?.positions).toBe(1);
      expect(steady.report?.protectiveStops).toEqual([
        expect.objectContaining({ symbol: SYMBOL, kind: 'KEEP' }),
      ]);
      // Live: the ledger version, the protective stops, the memory and the states, every sweep.
      expect(steady.statements > 0).toBe(readsDatabase);
    },
    60_000,
  );

  it('when the process records a buy right after a sweep that read nothing then the next sweep holds it and its hard stop fires', async () => {
    const h = await soleWriterSystem(true);
    h.quote('60000');
    await h.sweep();
    h.quote('60000');
    expect((await h.sweep()).statements).toBe(0);

    await h.buy('0.01');
    h.quote('56000'); // below the 5 % hard stop at once
    const { report } = await h.sweep();

    expect(report?.positions).toBe(1);
    expect(report?.exitsStarted).toEqual([SYMBOL]);
  }, 60_000);
});
