// The engine's state as plain data: what a persistence layer saves or rebuilds to resume the
// incremental path exactly where it stopped.
import type { Lot } from './types.js';

/** The last fill applied to one (account, asset): a new fill must not come before it. */
export interface ProcessingCursor {
  readonly account: string;
  readonly asset: string;
  readonly executedAt: Date;
  readonly sequence: bigint | number;
  readonly fillId: string;
}

/** Open lots (oldest first within each account and asset) and the processing cursors. */
export interface LedgerState {
  readonly lots: readonly Lot[];
  readonly cursors: readonly ProcessingCursor[];
}
