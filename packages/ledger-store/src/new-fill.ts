import type { Decimal } from '@hookline/core';
import type { LedgerFill } from '@hookline/ledger';

/** Where a fill came from: the exchange's stream, its REST history, or a CSV import. */
export type FillChannel = 'WEBSOCKET' | 'REST' | 'IMPORT';

/** A fill to record; the store gives it an id and an arrival sequence. */
export interface NewFill {
  readonly account: string;
  readonly exchange: string;
  readonly tradeId: string;
  /** The exchange's order id; null when the source does not say (one order per fill is assumed). */
  readonly orderId: string | null;
  readonly clientOrderId?: string | null;
  /** `BASE/QUOTE`. */
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly price: Decimal;
  /** Gross size in base units. */
  readonly size: Decimal;
  readonly fee: Decimal;
  readonly feeCurrency: string;
  /** USD value of a fee paid in a third asset, when known at fill time. */
  readonly feeUsd?: Decimal | null;
  readonly liquidity?: 'MAKER' | 'TAKER' | null;
  /** Exchange time of the execution. */
  readonly executedAt: Date;
  /** Our time when the fill reached us. */
  readonly receivedAt: Date;
  readonly ingestVia: FillChannel;
}

/**
 * How to create the order row of a fill whose order we never placed: imported history (IMPORT) or an
 * order the reconciler found at the exchange (RECONCILED). Orders we placed already have their row.
 */
export type UnknownOrderOrigin = 'IMPORT' | 'RECONCILED';

/**
 * `fill` as the engine takes it: stored as `id`, arrived `sequence`-th, its fee valued at `feeUsd`
 * (the value stored with it, which every later recompute reads back).
 */
export function ledgerFillOf(
  fill: NewFill,
  id: string,
  feeUsd: Decimal | null,
  sequence: bigint,
): LedgerFill {
  return {
    id,
    account: fill.account,
    exchange: fill.exchange,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price,
    size: fill.size,
    fee: fill.fee,
    feeCurrency: fill.feeCurrency,
    feeUsd,
    executedAt: fill.executedAt,
    sequence,
  };
}
