// What the position cap counts (pure): the ledger's open positions and the exchange's balances, per
// asset. A position both hold counts and is sold by the cap (source BOTH). A ledger position the
// exchange does not hold — a zombie: nothing, or less than the market's minimum amount — does not
// count and is not sold (there is nothing to sell), but is reported. A holding on the exchange the
// ledger does not know — bought by hand, deposited — counts (it is an open position all the same)
// and is reported, but is never sold by the cap: Hookline has no lots and no cost basis for it (its
// sale would be a SHORTFALL in the tax report), and it may be held on purpose; the cap sells ledger
// positions instead, and when that cannot bring the count down it HALTs with a message naming them.
// Dust and HODL assets never count, from either side. When the balances could not be read, the
// ledger alone is counted as before (source LEDGER), and the cap's inputs say so.
import { type Decimal, toPlainString, ZERO } from '@hookline/core';
import type { Balances, Market } from '@hookline/exchange';
import { marketIndexOf } from '../reconciler/holdings-check.js';

/** One open position of the ledger as the cap sees it. */
export interface CapPosition {
  readonly symbol: string;
  readonly base: string;
  readonly amount: Decimal;
  /** A fresh bid, or undefined (then it cannot be ranked or sold by the cap). */
  readonly bid: Decimal | undefined;
  readonly dust: boolean;
  readonly hodl: boolean;
  /** An exit of it is working (or was started this sweep): it is already on its way out. */
  readonly exiting: boolean;
}

/** Where a holding was seen: both, the exchange only, or the ledger only (the exchange holds none, or was not read). */
export type HoldingSource = 'BOTH' | 'EXCHANGE' | 'LEDGER';

/** Why a holding does not count against the cap. */
export type NotCounted = 'DUST' | 'HODL' | 'ZOMBIE';

/** One holding, counted or not. */
export interface CapHolding {
  readonly symbol: string;
  readonly base: string;
  readonly source: HoldingSource;
  /** The ledger's open amount; undefined for an exchange-only holding. */
  readonly ledgerAmount: Decimal | undefined;
  /** The exchange's total; undefined when the balances were not read. */
  readonly exchangeAmount: Decimal | undefined;
  /** undefined: it counts against the cap. */
  readonly notCounted: NotCounted | undefined;
  /** The ledger position the cap may sell (counted, known to the ledger); undefined otherwise. */
  readonly sellable: CapPosition | undefined;
}

/** What the count reads. */
export interface CapHoldingsInput {
  readonly positions: readonly CapPosition[];
  /** undefined: the balances could not be read. */
  readonly balances: Balances | undefined;
  readonly markets: readonly Market[];
  /** Currencies held as cash: never a position. */
  readonly cashCurrencies: readonly string[];
  /** Base assets never sold automatically (upper case). */
  readonly hodlAssets: ReadonlySet<string>;
}

/** Every holding of the ledger and the exchange, in symbol order, with whether and how it counts. */
export function capHoldings(input: CapHoldingsInput): CapHolding[] {
  const holdings: CapHolding[] = input.positions.map((position) => ledgerHolding(position, input));
  const ledgerBases = new Set(input.positions.map((position) => position.base));
  const cash = new Set(input.cashCurrencies);
  for (const [asset, balance] of Object.entries(input.balances ?? {})) {
    if (cash.has(asset) || ledgerBases.has(asset) || !balance.total.greaterThan(0)) continue;
    const symbol = marketIndexOf(input.markets).symbolFor(asset);
    const notCounted = input.hodlAssets.has(asset)
      ? 'HODL'
      : belowMinimum(balance.total, symbol, input.markets)
        ? 'DUST'
        : undefined;
    holdings.push({
      symbol,
      base: asset,
      source: 'EXCHANGE',
      ledgerAmount: undefined,
      exchangeAmount: balance.total,
      notCounted,
      sellable: undefined,
    });
  }
  return holdings.sort((left, right) => left.symbol.localeCompare(right.symbol));
}

/** A holding as plain JSON for a decision's rule inputs. */
export function holdingInputs(holding: CapHolding): Record<string, string | null> {
  return {
    symbol: holding.symbol,
    source: holding.source,
    ledgerAmount: holding.ledgerAmount === undefined ? null : toPlainString(holding.ledgerAmount),
    exchangeAmount: holding.exchangeAmount === undefined ? null : toPlainString(holding.exchangeAmount),
    ...(holding.notCounted === undefined ? {} : { notCounted: holding.notCounted }),
  };
}

function ledgerHolding(position: CapPosition, input: CapHoldingsInput): CapHolding {
  const balance = input.balances?.[position.base];
  const exchangeAmount = input.balances === undefined ? undefined : (balance?.total ?? ZERO);
  const zombie = exchangeAmount !== undefined && belowMinimum(exchangeAmount, position.symbol, input.markets);
  const notCounted: NotCounted | undefined = position.hodl
    ? 'HODL'
    : position.dust
      ? 'DUST'
      : zombie
        ? 'ZOMBIE'
        : undefined;
  return {
    symbol: position.symbol,
    base: position.base,
    source: exchangeAmount?.greaterThan(0) === true ? 'BOTH' : 'LEDGER',
    ledgerAmount: position.amount,
    exchangeAmount,
    notCounted,
    sellable: notCounted === undefined ? position : undefined,
  };
}

// Nothing, or less than the market's minimum amount: nothing the exchange would take an order for.
function belowMinimum(amount: Decimal, symbol: string, markets: readonly Market[]): boolean {
  if (!amount.greaterThan(0)) return true;
  const market = marketIndexOf(markets).market(symbol);
  return market !== undefined && amount.lessThan(market.minAmount);
}
