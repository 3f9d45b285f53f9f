import { type Decimal, dec, HooklineError, ZERO } from '@hookline/core';
import { decimalInput } from '../json-inputs.js';
import { isUsablePrice } from './quote-age.js';
import type { HeldPosition, RiskState } from './risk-state.js';

/** The account's value at the bid, or the symbols that stop it from being known. */
export type AccountValuation =
  | {
      readonly known: true;
      readonly equity: Decimal;
      readonly unrealizedPnl: Decimal;
      /** Each non-dust position's value (amount × bid), by symbol. */
      readonly positionValues: ReadonlyMap<string, Decimal>;
    }
  | { readonly known: false; readonly unpricedSymbols: readonly string[] };

/**
 * Values cash plus every non-dust position at its bid (what selling would fetch). No fallback price
 * ever: one position without a fresh valid quote makes equity unknown. Dust is skipped entirely: it
 * is worth less than one minimum order, and a delisted dust coin must not stop trading forever.
 */
export function valueAccount(state: RiskState, maxQuoteAgeMs: number): AccountValuation {
  const unpricedSymbols: string[] = [];
  const positionValues = new Map<string, Decimal>();
  let unrealizedPnl = ZERO;
  for (const position of countedPositions(state.positions)) {
    if (!position.amount.isFinite() || position.amount.isNegative()) {
      throw new HooklineError(
        'INVALID_ARGUMENT',
        `${position.symbol} has an invalid amount ${position.amount.toString()}`,
      );
    }
    const quote = state.quotes[position.symbol];
    if (!isUsablePrice(quote, state.now, maxQuoteAgeMs)) {
      unpricedSymbols.push(position.symbol);
      continue;
    }
    const value = dec(position.amount).times(quote.bid);
    positionValues.set(position.symbol, (positionValues.get(position.symbol) ?? ZERO).plus(value));
    unrealizedPnl = unrealizedPnl.plus(value).minus(position.costBasis);
  }
  if (unpricedSymbols.length > 0) return { known: false, unpricedSymbols };
  let equity = dec(state.cash);
  for (const value of positionValues.values()) equity = equity.plus(value);
  return { known: true, equity, unrealizedPnl, positionValues };
}

/**
 * Positions that carry value and risk: not dust and not empty. A NaN or negative amount is kept
 * (and refused by valueAccount), so a corrupt row can never make a position silently disappear.
 */
export function countedPositions(positions: readonly HeldPosition[]): HeldPosition[] {
  return positions.filter((position) => !position.dust && !position.amount.isZero());
}

/** The valuation as rule inputs. */
export function valuationInputs(valuation: AccountValuation): Record<string, string | string[]> {
  if (!valuation.known) return { unpricedSymbols: [...valuation.unpricedSymbols] };
  return { equity: decimalInput(valuation.equity), unrealizedPnl: decimalInput(valuation.unrealizedPnl) };
}
