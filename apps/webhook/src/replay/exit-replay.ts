// The replay command's engine: the real sentinel (exit rules, exit executor, order executor, fill
// recorder and ledger) against the paper exchange replaying a tick file on a virtual clock. Sweeps
// run at every tick and entry time, and every sentinel interval while an exit is working, until the
// file ends and no exit works any more (bounded, so a stuck exit cannot loop forever).
import { dec, type IdGenerator, TestClock } from '@hookline/core';
import {
  type EntryRow,
  PaperExchange,
  parseEntryCsv,
  parseTickCsv,
  ReplayPriceSource,
  type TickRow,
  tickFileQuotes,
} from '@hookline/exchange';
import { type Config, tradingAccountOf } from '@hookline/schemas';
import { type ReplayReport, readReplayReport, type StoreSource, storeOf } from '@hookline/store';
import type { Logger } from 'pino';
import { buildWebhookSystem } from '../webhook-system.js';
import { placeReplayEntry } from './replay-entries.js';
import { ReplayFillSync } from './replay-fills.js';
import { replayIdGenerator } from './replay-ids.js';
import { replayMarketSpecs } from './replay-markets.js';

/** What a replay runs on: an empty migrated database, the files' text and the configuration. */
export interface ExitReplayOptions {
  /** An empty migrated database. */
  readonly database: StoreSource;
  readonly ticksCsv: string;
  readonly entriesCsv?: string | undefined;
  readonly config: Config;
  readonly logger: Logger;
  /** Paper money at the start (default 1 000 000 USD: entries are the file's, not a budget's). */
  readonly initialBalances?: Readonly<Record<string, string>>;
  /** Ids of the decisions and orders it creates (default: UUIDv7 on the virtual clock, seeded by the account). */
  readonly ids?: IdGenerator;
}

/** Runs the replay and returns every order, fill and exit. */
export async function runExitReplay(options: ExitReplayOptions): Promise<ReplayReport> {
  const ticks = parseTickCsv(options.ticksCsv);
  const first = ticks[0];
  const last = ticks.at(-1);
  if (first === undefined || last === undefined) throw new Error('the tick file has no ticks');
  const specs = replayMarketSpecs(ticks.map((tick) => tick.symbol));
  const entries = parseEntries(options.entriesCsv, ticks);
  const run = await buildReplay(options, specs, first.timeMs);
  const times = [
    ...new Set([...ticks.map((tick) => tick.timeMs), ...entries.map((entry) => entry.timeMs)]),
  ].sort((a, b) => a - b);
  const interval = run.settings.loop.intervalMs;
  let pending: readonly EntryRow[] = entries;
  for (const [index, time] of times.entries()) {
    pending = await run.step(time, pending);
    const next = times[index + 1];
    if (next === undefined) break; // after the last tick: the bounded tail below
    // Between two ticks the market stands still; only working exits (timeouts) need sweeps.
    for (let at = time + interval; at < next && (await run.exitsWorking()); at += interval) {
      pending = await run.step(at, pending);
    }
  }
  // After the file ends nothing new can happen once its last quote is stale: sweep until then at most.
  const tailSweeps = Math.ceil(run.settings.rules.maxQuoteAgeMs / interval) + 1;
  let tail = last.timeMs;
  for (let sweep = 0; sweep < tailSweeps && (await run.exitsWorking()); sweep += 1) {
    tail += interval;
    await run.step(tail, pending);
  }
  return await readReplayReport(run.store, run.settings.account, {
    count: ticks.length,
    from: new Date(first.timeMs).toISOString(),
    to: new Date(last.timeMs).toISOString(),
  });
}

async function buildReplay(
  options: ExitReplayOptions,
  specs: ReturnType<typeof replayMarketSpecs>,
  startMs: number,
) {
  const { config, logger } = options;
  const clock = new TestClock(startMs);
  const account = tradingAccountOf(config);
  const store = storeOf(options.database, {
    usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES,
    rowIds: options.ids ?? replayIdGenerator(clock, account),
  });
  const exchange = openReplayVenue(options, specs, clock);
  const system = await buildWebhookSystem({ config, store, exchange, clock, logger, redis: undefined });
  const { settings, executor, recorder, sentinel } = system;
  const fills = new ReplayFillSync({ store, exchange, recorder, logger });
  const markets = await exchange.fetchMarkets();
  const entryContext = { store, exchange, executor, clock, account: settings.exit.account, markets };
  return {
    store,
    settings: settings.exit,
    exitsWorking: async () => (await sentinel.exits.activeExitSymbols()).size > 0,
    /** Moves the clock to `timeMs`: market, due jobs, due entries, fills, one sweep, fills. */
    step: async (timeMs: number, pending: readonly EntryRow[]): Promise<readonly EntryRow[]> => {
      clock.set(timeMs);
      exchange.tick();
      await system.runDueJobs();
      await fills.sync();
      const due = pending.filter((entry) => entry.timeMs <= timeMs);
      for (const entry of due) await placeReplayEntry(entryContext, entry);
      await fills.sync();
      await sentinel.sweepOnce();
      await fills.sync();
      return pending.filter((entry) => entry.timeMs > timeMs);
    },
  };
}

// The paper venue over the tick file.
function openReplayVenue(
  options: ExitReplayOptions,
  specs: ReturnType<typeof replayMarketSpecs>,
  clock: TestClock,
): PaperExchange {
  const balances = options.initialBalances ?? { USD: '1000000' };
  return new PaperExchange({
    clock,
    markets: specs,
    priceSource: new ReplayPriceSource(tickFileQuotes(options.ticksCsv, specs)),
    initialBalances: Object.fromEntries(
      Object.entries(balances).map(([asset, amount]) => [asset, dec(amount)]),
    ),
    name: 'paper',
  });
}

// Entry symbols in any spelling, resolved to the replay's markets. An entry for a symbol without
// ticks, or before the symbol's first tick, is refused with its line: there is no price to buy at
// yet, and the paper venue would otherwise fill it at a later quote (a price from the future).
function parseEntries(csv: string | undefined, ticks: readonly TickRow[]): readonly EntryRow[] {
  if (csv === undefined) return [];
  const firstTick = new Map<string, number>();
  for (const tick of ticks) {
    const symbol = canonicalOf(tick.symbol);
    if (!firstTick.has(symbol)) firstTick.set(symbol, tick.timeMs);
  }
  return parseEntryCsv(csv).map((entry, index) => {
    const symbol = canonicalOf(entry.symbol);
    const from = firstTick.get(symbol);
    const where = `entry ${index + 1} (${entry.symbol} at ${new Date(entry.timeMs).toISOString()})`;
    if (from === undefined) throw new Error(`${where}: the tick file has no prices for it`);
    if (entry.timeMs < from) {
      throw new Error(`${where}: before the first ${symbol} tick (${new Date(from).toISOString()})`);
    }
    return { ...entry, symbol };
  });
}

function canonicalOf(symbol: string): string {
  return replayMarketSpecs([symbol])[0]?.market.symbol ?? symbol;
}
