// Step 4 (pure): balances at the exchange against the ledger's open lots, per asset. A difference
// within the dust tolerance (the market's minimum order size, or a configured amount) is no finding:
// a remainder below the minimum cannot be traded anyway and is recorded as dust elsewhere.
import { type Decimal, max, toPlainString, ZERO } from '@hookline/core';
import type { Balances, Market } from '@hookline/exchange';
import type { UnknownHolding, ZombiePosition } from './reconcile-report.js';

/** Currencies held as cash, never reported as unknown holdings unless the ledger has lots of them. */
export const defaultCashCurrencies: readonly string[] = ['USD', 'USDC', 'USDT', 'EUR', 'GBP'];

/** The ledger's open quantity of one asset, and the symbol its lots were bought on. */
export interface LedgerHolding {
  readonly asset: string;
  readonly symbol: string;
  readonly quantity: Decimal;
}

/** What the comparison reads. */
export interface HoldingsInput {
  readonly ledger: readonly LedgerHolding[];
  readonly balances: Balances;
  readonly markets: readonly Market[];
  readonly cashCurrencies: readonly string[];
  /** Per-asset tolerance overriding nothing smaller than the market's minimum amount. */
  readonly dustTolerance: Readonly<Record<string, Decimal>>;
}

/** The findings: zombies (ledger > exchange) and unknown holdings (exchange > ledger). */
export interface HoldingsVerdict {
  readonly zombies: ZombiePosition[];
  readonly unknownHoldings: UnknownHolding[];
}

/** Compares every asset either side holds; quantities are totals (open orders' reservations included). */
export function compareHoldings(input: HoldingsInput): HoldingsVerdict {
  const ledger = new Map(input.ledger.map((holding) => [holding.asset, holding]));
  const cash = new Set(input.cashCurrencies);
  const assets = new Set([
    ...ledger.keys(),
    ...Object.keys(input.balances).filter((currency) => !cash.has(currency)),
  ]);
  const verdict: HoldingsVerdict = { zombies: [], unknownHoldings: [] };
  for (const asset of [...assets].sort()) {
    const held = ledger.get(asset);
    const ledgerQuantity = held?.quantity ?? ZERO;
    const exchangeQuantity = input.balances[asset]?.total ?? ZERO;
    const symbol = held?.symbol ?? marketIndexOf(input.markets).symbolFor(asset);
    const tolerance = toleranceFor(asset, symbol, input);
    const difference = ledgerQuantity.minus(exchangeQuantity);
    if (difference.abs().lessThanOrEqualTo(tolerance)) continue;
    const finding = {
      symbol,
      asset,
      ledgerQuantity: toPlainString(ledgerQuantity),
      exchangeQuantity: toPlainString(exchangeQuantity),
    };
    if (difference.greaterThan(0)) verdict.zombies.push(finding);
    else verdict.unknownHoldings.push(finding);
  }
  return verdict;
}

/**
 * The markets of one list by symbol and by base asset. Looking a market up per asset by scanning the
 * list made a check over N assets and M markets cost N × M (10,000 held assets: a second per sweep).
 * Built once per list: market lists are kept between reads, so the index is too.
 */
export class MarketIndex {
  readonly #bySymbol = new Map<string, Market>();
  readonly #byBase = new Map<string, Market[]>();

  constructor(markets: readonly Market[]) {
    for (const market of markets) {
      if (!this.#bySymbol.has(market.symbol)) this.#bySymbol.set(market.symbol, market);
      const listed = this.#byBase.get(market.base);
      if (listed === undefined) this.#byBase.set(market.base, [market]);
      else listed.push(market);
    }
  }

  /** The market of `symbol`, if listed. */
  market(symbol: string): Market | undefined {
    return this.#bySymbol.get(symbol);
  }

  /** The market an asset trades on: against USD when listed, else its first market, else `ASSET/USD`. */
  symbolFor(asset: string): string {
    const listed = this.#byBase.get(asset) ?? [];
    return (listed.find((market) => market.quote === 'USD') ?? listed[0])?.symbol ?? `${asset}/USD`;
  }
}

const indexes = new WeakMap<readonly Market[], MarketIndex>();

/** The index of a market list, built at its first use. */
export function marketIndexOf(markets: readonly Market[]): MarketIndex {
  let index = indexes.get(markets);
  if (index === undefined) {
    index = new MarketIndex(markets);
    indexes.set(markets, index);
  }
  return index;
}

function toleranceFor(asset: string, symbol: string, input: HoldingsInput): Decimal {
  const market = marketIndexOf(input.markets).market(symbol);
  return max(market?.minAmount ?? ZERO, input.dustTolerance[asset] ?? ZERO);
}
