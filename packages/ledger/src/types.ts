// The engine's input and output shapes. Field names follow the Prisma models of `fills` and
// `fifo_allocations` (prisma/schema.prisma), so the persistence layer stores them without mapping.
import type { Decimal } from '@hookline/core';

/** Which side of the book a fill was on. */
export type FillSide = 'buy' | 'sell';

/** Holding period of a disposal: LONG iff the sell date is after the buy date's one-year anniversary. */
export type Term = 'SHORT' | 'LONG';

/**
 * What an allocation slice is: part of a sell, units paid as a base-asset fee (or a transfer's network
 * fee), a sell beyond inventory, or units moved to another of the user's accounts (not a disposal).
 */
export type AllocationKind = 'SELL' | 'FEE_DISPOSAL' | 'SHORTFALL' | 'TRANSFER';

/** One exchange execution as the engine consumes it (a `fills` row). */
export interface LedgerFill {
  /** Our fill id: stable, referenced by allocations. */
  readonly id: string;
  readonly account: string;
  readonly exchange?: string;
  readonly tradeId: string;
  /** The exchange's order id; null when unknown (imported fills without one). */
  readonly orderId: string | null;
  /** `BASE/QUOTE`, e.g. `BTC/USD`. */
  readonly symbol: string;
  readonly side: FillSide;
  /** Price in the quote currency. */
  readonly price: Decimal;
  /** Gross quantity traded in base units (a base-asset fee is deducted from holdings, not from this). */
  readonly size: Decimal;
  readonly fee: Decimal;
  readonly feeCurrency: string;
  /** USD value of a third-asset fee at fill time; null/undefined when it could not be valued. */
  readonly feeUsd?: Decimal | null;
  /** Exchange execution time (a UTC instant). */
  readonly executedAt: Date;
  /** Arrival sequence (`fills.arrival_seq`): breaks ties between equal executedAt. */
  readonly sequence: bigint | number;
}

/** One fifo_allocations row: a slice of a disposal matched to a buy lot, or its SHORTFALL part. */
export interface Allocation {
  readonly account: string;
  /** The disposing fill's symbol. */
  readonly symbol: string;
  /** The asset whose lots are consumed (lots are kept per account and asset). */
  readonly asset: string;
  readonly kind: AllocationKind;
  /**
   * The fill that disposed of the units: the sell fill, or the buy fill for its own FEE_DISPOSAL; for
   * a transfer's rows (TRANSFER and its network-fee FEE_DISPOSAL) the transfer's id.
   */
  readonly sellFillId: string;
  /** Set (equal to sellFillId) when a transfer, not a fill, produced the row. */
  readonly transferId?: string | null;
  /** Set when the consumed lot came into this account by a transfer: that transfer's TRANSFER row. */
  readonly lotTransferId?: string | null;
  readonly lotSliceIndex?: number | null;
  /** 0, 1, 2… per sellFillId in matching order: with sellFillId the row's stable key. */
  readonly sliceIndex: number;
  readonly buyFillId: string | null;
  readonly sellOrderId: string | null;
  readonly buyOrderId: string | null;
  readonly allocatedSize: Decimal;
  readonly buyPrice: Decimal;
  readonly sellPrice: Decimal;
  /** The lot's fee / the lot's size (informational: cost basis uses buyFeeUsd, which adds up exactly). */
  readonly buyFeesPerUnit: Decimal;
  /** The sell fill's fee / its size (informational: net proceeds use sellFeeUsd). */
  readonly sellFeesPerUnit: Decimal;
  /** This slice's part of the lot's fee; the parts of one lot add up exactly to its fee. */
  readonly buyFeeUsd: Decimal;
  /** This slice's part of the sell fill's fee; the parts of one fill add up exactly to its fee. */
  readonly sellFeeUsd: Decimal;
  /** allocatedSize × buyPrice + buyFeeUsd. */
  readonly costBasisUsd: Decimal;
  /** allocatedSize × sellPrice. */
  readonly proceedsUsd: Decimal;
  /** proceedsUsd − sellFeeUsd. */
  readonly netProceedsUsd: Decimal;
  /** netProceedsUsd − costBasisUsd. */
  readonly pnlUsd: Decimal;
  /** The lot's acquisition time; null for a SHORTFALL. */
  readonly buyTime: Date | null;
  readonly sellTime: Date;
  /** Null for a SHORTFALL: there is no acquisition date. */
  readonly term: Term | null;
}

/** The columns of a buy lot that do not change as it is consumed. */
export interface LotTerms {
  readonly account: string;
  readonly asset: string;
  /** The buy fill's symbol. */
  readonly symbol: string;
  readonly buyFillId: string;
  readonly buyOrderId: string | null;
  readonly buyTime: Date;
  /** Arrival sequence of the buy fill (kept so rebuilt state orders lots exactly as the engine did). */
  readonly buySequence: bigint | number;
  readonly price: Decimal;
  /** The buy fill's gross size. */
  readonly size: Decimal;
  /** The lot's whole fee in USD (quote fee, valued third-asset fee, or base-asset fee × price). */
  readonly feeUsd: Decimal;
  /**
   * Set for a lot that came into this account by a transfer: the transfer and the slice index of the
   * TRANSFER row that moved it. Such a lot keeps its buy fill, buy time and price; size and feeUsd are
   * what was moved.
   */
  readonly transferId?: string | null;
  readonly transferSliceIndex?: number | null;
}

/** An open (partly or wholly unconsumed) buy lot. */
export interface Lot extends LotTerms {
  readonly remainingSize: Decimal;
  /** The part of feeUsd not yet allocated: tracked so the slices of one lot add up to feeUsd exactly. */
  readonly remainingFeeUsd: Decimal;
  readonly feesPerUnit: Decimal;
}

/** Why a fill deserves a reader's attention (shown by `ledger verify` and in the tax report). */
export type LedgerWarningCode = 'SHORTFALL' | 'UNVALUED_FEE' | 'UNVALUED_QUOTE' | 'TRANSFER_SHORTFALL';

/** A fill the engine processed but flags: it never hides a guess. */
export interface LedgerWarning {
  readonly code: LedgerWarningCode;
  readonly fillId: string;
  readonly account: string;
  readonly symbol: string;
  /** For SHORTFALL: the quantity sold beyond inventory. */
  readonly quantity?: Decimal;
  readonly message: string;
}

/** What applying one fill produced. */
export interface ApplyResult {
  readonly allocations: Allocation[];
  readonly warnings: LedgerWarning[];
}
