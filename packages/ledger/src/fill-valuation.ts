// How one fill enters the ledger in USD: checks its fields and decides what its fee is worth.
// Shared by the engine and by verifyLedger, so the checker judges rows by the engine's own rules.
import { compare, type Decimal, dec, HooklineError, times, ZERO } from '@hookline/core';
import type { ResolvedLedgerOptions } from './ledger-options.js';
import type { LedgerFill } from './types.js';

/** The base and quote currency of a `BASE/QUOTE` symbol. */
export interface TradingPair {
  readonly base: string;
  readonly quote: string;
}

/** A fill's checked quantities and the USD value of its fee. */
export interface FillValuation {
  readonly pair: TradingPair;
  /**
   * False when the quote is not a USD currency: the price is not a USD price, and converting it
   * would be a guess, so the engine records nothing for the fill and flags it UNVALUED_QUOTE.
   */
  readonly usdQuoted: boolean;
  readonly price: Decimal;
  readonly size: Decimal;
  /** The fee's USD value: added to the lot's basis on a buy, taken from net proceeds on a sell. */
  readonly feeUsd: Decimal;
  /** Units of the base asset paid as the fee (disposed as FEE_DISPOSAL); ZERO otherwise. */
  readonly baseFeeUnits: Decimal;
  /** A third-asset fee without a USD value: excluded (feeUsd is ZERO) and flagged UNVALUED_FEE. */
  readonly feeUnvalued: boolean;
}

const pairs = new Map<string, TradingPair>();

/** Splits `BASE/QUOTE`; throws a HooklineError for anything else. */
export function tradingPair(symbol: string): TradingPair {
  const cached = pairs.get(symbol);
  if (cached) return cached;
  const parts = symbol.split('/');
  const [base, quote] = parts;
  if (parts.length !== 2 || !base || !quote) {
    throw new HooklineError('INVALID_ARGUMENT', `symbol "${symbol}" is not BASE/QUOTE`, {
      context: { symbol },
    });
  }
  const pair = { base, quote };
  pairs.set(symbol, pair);
  return pair;
}

/**
 * Values a fill's fee (currency codes compare exactly, upper case as exchanges send them):
 * - zero fee, in any currency: nothing to value;
 * - fee in a USD currency (the quote, or another one of the set): its amount, 1:1;
 * - fee in the base asset: fee units × fill price (the rp2/Koinly model), and the units are disposed;
 * - fee in a third asset: the fill's feeUsd, or, when missing, excluded and flagged.
 * Values from elsewhere (Prisma's Decimal) are re-created with our settings.
 */
export function valueFill(fill: LedgerFill, options: ResolvedLedgerOptions): FillValuation {
  const pair = tradingPair(fill.symbol);
  const price = dec(fill.price);
  const size = dec(fill.size);
  const fee = dec(fill.fee);
  checkFill(fill, price, size, fee, pair);
  const usdQuoted = options.usdCurrencies.has(pair.quote);
  if (fee.isZero())
    return { pair, usdQuoted, price, size, feeUsd: ZERO, baseFeeUnits: ZERO, feeUnvalued: false };
  if (fill.feeCurrency === pair.base) {
    return { pair, usdQuoted, price, size, feeUsd: times(fee, price), baseFeeUnits: fee, feeUnvalued: false };
  }
  if (options.usdCurrencies.has(fill.feeCurrency)) {
    return { pair, usdQuoted, price, size, feeUsd: fee, baseFeeUnits: ZERO, feeUnvalued: false };
  }
  if (fill.feeUsd !== undefined && fill.feeUsd !== null) {
    return { pair, usdQuoted, price, size, feeUsd: dec(fill.feeUsd), baseFeeUnits: ZERO, feeUnvalued: false };
  }
  return { pair, usdQuoted, price, size, feeUsd: ZERO, baseFeeUnits: ZERO, feeUnvalued: true };
}

// Rejects rows no rule can give a meaning to, naming the fill so the caller can find the row.
// (Sign checks, not comparisons with 0: this runs for every fill and a comparison allocates.)
function checkFill(fill: LedgerFill, price: Decimal, size: Decimal, fee: Decimal, pair: TradingPair): void {
  if (fill.side !== 'buy' && fill.side !== 'sell')
    refuse(fill, `side must be buy or sell, not "${fill.side}"`);
  if (size.isZero() || size.isNegative()) refuse(fill, `size must be positive, not ${size.toFixed()}`);
  if (price.isNegative()) refuse(fill, `price must not be negative, not ${price.toFixed()}`);
  if (!(fill.executedAt instanceof Date) || Number.isNaN(fill.executedAt.getTime())) {
    refuse(fill, 'executedAt must be a valid Date');
  }
  if (fill.feeCurrency !== pair.base) return;
  // A negative quote fee is a maker rebate and simply lowers the basis; negative base units mean nothing.
  if (fee.isNegative()) refuse(fill, 'a fee in the base asset must not be negative');
  if (fill.side === 'buy' && compare(fee, size) > 0) {
    refuse(fill, `a base-asset fee (${fee.toFixed()}) cannot exceed the size bought (${size.toFixed()})`);
  }
}

function refuse(fill: LedgerFill, problem: string): never {
  throw new HooklineError('INVALID_ARGUMENT', `fill ${fill.id} (${fill.side} ${fill.symbol}): ${problem}`, {
    context: { fillId: fill.id, account: fill.account, symbol: fill.symbol },
  });
}
