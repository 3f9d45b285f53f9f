// Reads shared by the exits of many positions started at once (flatten all): the markets, every
// quote and the balances are read once for all of them, and our working orders on every symbol are
// canceled before the balances are read, so each exit sizes from what the cancels freed. During a
// 429 storm this is one markets, one quotes and one balances request instead of three per position.
import { type Decimal, ZERO } from '@hookline/core';
import type { Balances, ExchangePort, Market, Ticker } from '@hookline/exchange';
import { readWorkingOrders } from '@hookline/store';
import { isUsableQuote } from '../../execution/entry-order.js';
import type { ExitExecutorDependencies, MarketRead } from './exit-context.js';
import { cancelOrLeave } from './exit-orders.js';
import { loadActiveExits } from './exit-records.js';

/** What start() reads from the exchange, read once for every exit of a batch. */
export interface SharedExitReads {
  readonly markets: readonly Market[];
  /** Quotes by symbol; a symbol without a quote is missing. */
  readonly quotes: Readonly<Record<string, Ticker>>;
  /** Balances read after the cancels; each started exit takes its amount out (see takeFromShared). */
  readonly balances: Record<string, Decimal>;
  /** Our working orders canceled per symbol (client order ids), before the balances were read. */
  readonly canceledOrders: Readonly<Record<string, readonly string[]>>;
}

/**
 * Cancels our working orders on `symbols` whose exit is not already working (one store read for all
 * of them, then a cancel per order through the order executor), then reads the markets (unless the caller just read them), the quotes
 * (one batched request where the port has it) and the balances once.
 */
export async function readSharedExitInputs(
  deps: ExitExecutorDependencies,
  symbols: readonly string[],
  reason: string,
  knownMarkets?: readonly Market[],
): Promise<SharedExitReads> {
  const wanted = new Set(symbols);
  // A symbol whose exit is already working keeps its orders: start() skips it (EXIT_IN_PROGRESS),
  // as an exit started alone would, and its own ladder goes on.
  const exiting = new Set(
    (await loadActiveExits(deps.store, deps.settings.account)).map((exit) => exit.symbol),
  );
  const working = (await readWorkingOrders(deps.store, deps.settings.account)).filter(
    (row) => wanted.has(row.symbol) && !exiting.has(row.symbol),
  );
  const canceledOrders: Record<string, string[]> = {};
  for (const row of working) {
    await cancelOrLeave(deps, row.clientOrderId, `${reason}: our orders on ${row.symbol} are canceled first`);
    canceledOrders[row.symbol] = [...(canceledOrders[row.symbol] ?? []), row.clientOrderId];
  }
  const markets = knownMarkets ?? (await deps.exchange.fetchMarkets());
  const quotes = await readQuotes(deps.exchange, [...wanted]);
  const balances = await deps.exchange.fetchBalances();
  const available: Record<string, Decimal> = {};
  for (const [currency, balance] of Object.entries(balances as Balances))
    available[currency] = balance.available;
  return { markets, quotes, balances: available, canceledOrders };
}

/** The symbol's market and usable quote from the shared reads (as readMarket reads them alone). */
export function marketFromShared(shared: SharedExitReads, symbol: string): MarketRead {
  const market = shared.markets.find((candidate) => candidate.symbol === symbol);
  if (market === undefined || !market.active) return { ok: false, code: 'MARKET_UNAVAILABLE' };
  const ticker = shared.quotes[symbol];
  if (ticker === undefined) return { ok: false, code: 'PRICE_UNAVAILABLE' };
  if (!isUsableQuote(ticker)) return { ok: false, code: 'PRICE_UNAVAILABLE', ticker };
  return { ok: true, market, ticker };
}

/** What is available of `currency` to the next exit of the batch. */
export function availableFromShared(shared: SharedExitReads, currency: string): Decimal {
  return shared.balances[currency] ?? ZERO;
}

/**
 * An exit of the batch sold `amount` of `currency`: the next exit on the same base asset (BTC/USD
 * and BTC/EUR) sees only what is left, never the same coins twice.
 */
export function takeFromShared(shared: SharedExitReads, currency: string, amount: Decimal): void {
  const left = availableFromShared(shared, currency).minus(amount);
  shared.balances[currency] = left.greaterThan(ZERO) ? left : ZERO;
}

async function readQuotes(
  exchange: ExchangePort,
  symbols: readonly string[],
): Promise<Readonly<Record<string, Ticker>>> {
  if (exchange.fetchTickers !== undefined) {
    // A failed batched read leaves every exit without a price (PRICE_UNAVAILABLE), never a guess.
    return await exchange.fetchTickers(symbols).catch(() => ({}));
  }
  const quotes: Record<string, Ticker> = {};
  for (const symbol of symbols) {
    const ticker = await exchange.fetchTicker(symbol).catch(() => undefined);
    if (ticker !== undefined) quotes[symbol] = ticker;
  }
  return quotes;
}
