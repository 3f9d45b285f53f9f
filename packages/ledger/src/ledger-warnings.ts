// The warnings a fill can raise: the ledger never guesses silently, it records and says so.
import { type Decimal, toPlainString } from '@hookline/core';
import type { LedgerFill, LedgerWarning } from './types.js';

/** A sell (or fee disposal) beyond inventory, recorded as a SHORTFALL allocation with zero basis. */
export function shortfallWarning(fill: LedgerFill, asset: string, quantity: Decimal): LedgerWarning {
  return {
    code: 'SHORTFALL',
    fillId: fill.id,
    account: fill.account,
    symbol: fill.symbol,
    quantity,
    message:
      `fill ${fill.id} disposes of ${toPlainString(quantity)} ${asset} more than account ${fill.account} holds: ` +
      'recorded as SHORTFALL with zero cost basis; import the missing buys and recompute',
  };
}

/** A third-asset fee without a USD value: it was left out of basis/proceeds. */
export function unvaluedFeeWarning(fill: LedgerFill): LedgerWarning {
  return {
    code: 'UNVALUED_FEE',
    fillId: fill.id,
    account: fill.account,
    symbol: fill.symbol,
    message:
      `fill ${fill.id} paid a fee of ${toPlainString(fill.fee)} ${fill.feeCurrency} with no USD value: ` +
      'the fee is excluded from cost basis and proceeds',
  };
}

/** A fill quoted in a currency outside the USD set: no lot and no allocation were recorded. */
export function unvaluedQuoteWarning(fill: LedgerFill, quote: string): LedgerWarning {
  return {
    code: 'UNVALUED_QUOTE',
    fillId: fill.id,
    account: fill.account,
    symbol: fill.symbol,
    message:
      `fill ${fill.id} (${fill.side} ${fill.symbol}) is quoted in ${quote}, which is not a USD currency: ` +
      'it was not valued and is not in the ledger',
  };
}
