import type { Decimal } from '@hookline/core';
import type { OrderSide } from './order.js';

/** Whether a fill added liquidity (maker fee) or took it (taker fee). */
export type Liquidity = 'MAKER' | 'TAKER';

/** One execution as the REST fills endpoint reports it: the ledger's source of truth. */
export interface Fill {
  /** The exchange's trade id, unique per (account, exchange). */
  readonly tradeId: string;
  readonly orderId: string;
  /** Our client order id when the venue reports it (Coinbase REST fills do not). */
  readonly clientOrderId: string | undefined;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: Decimal;
  readonly amount: Decimal;
  readonly fee: Decimal;
  readonly feeCurrency: string;
  readonly liquidity: Liquidity;
  /** Exchange time of the execution. */
  readonly executedAt: Date;
}

/**
 * A fill as a stream reports it. Coinbase's user channel has no trade id: a fill is the increase
 * of the order's cumulative quantity (docs/exchange-notes.md, Coinbase 5), so `orderId` +
 * `cumulativeFilledAmount` identify it, and consumers de-duplicate on that pair. REST backfill
 * supplies the trade id.
 */
export interface StreamFill extends Omit<Fill, 'tradeId'> {
  readonly tradeId: string | undefined;
  /** The order's filled amount including this fill. */
  readonly cumulativeFilledAmount: Decimal;
}

/** Where a fills read resumes; opaque to callers, stored as given (each adapter defines it). */
export type FillCursor = string;

/** Which fills to read: those after `cursor` (from the start when absent), oldest first. */
export interface FillQuery {
  readonly cursor?: FillCursor;
  readonly symbol?: string;
  /** At most this many fills; the adapter may return fewer (its page size). */
  readonly limit?: number;
}

/** A page of fills and the cursor to pass next time (equal to the input when nothing is new). */
export interface FillPage {
  readonly fills: readonly Fill[];
  readonly nextCursor: FillCursor;
  /** True when more fills are waiting after this page. */
  readonly hasMore: boolean;
  /** Our time when the page was received. */
  readonly receivedAt: Date;
}
