// The lot reference of an allocation row: a lot that arrived by transfer is named by the TRANSFER row
// that moved it (its transfer and slice index), since its buy fill alone may name lots in two accounts.
import type { Allocation, LotTerms } from './types.js';

/** The columns naming `lot`'s origin: set only for a lot that arrived by transfer. */
export function lotOrigin(
  lot: Pick<LotTerms, 'transferId' | 'transferSliceIndex'>,
): Pick<Allocation, 'lotTransferId' | 'lotSliceIndex'> {
  if (lot.transferId === undefined || lot.transferId === null) return {};
  return { lotTransferId: lot.transferId, lotSliceIndex: lot.transferSliceIndex ?? null };
}

/** A lot's key: its buy fill, and for an arrived lot the TRANSFER row that moved it. */
export function lotKey(lot: {
  readonly buyFillId: string;
  readonly transferId?: string | null;
  readonly transferSliceIndex?: number | null;
}): string {
  return lot.transferId ? `${lot.transferId}#${lot.transferSliceIndex ?? 0}` : lot.buyFillId;
}

/** The key of the lot an allocation row consumed (null for a SHORTFALL). */
export function consumedLotKey(row: Allocation): string | null {
  if (row.lotTransferId) return `${row.lotTransferId}#${row.lotSliceIndex ?? 0}`;
  return row.buyFillId;
}
