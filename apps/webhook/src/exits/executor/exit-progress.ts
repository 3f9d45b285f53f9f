// What one advance() did to one exit: the sentinel logs it and counts it.
import type { Decimal, ExitReason } from '@hookline/core';
import type { ExitOutcome } from './exit-records.js';

interface ProgressOf {
  readonly symbol: string;
  readonly decisionId: string;
  readonly reason: ExitReason;
}

/** One exit's step in one sweep. */
export type ExitProgress =
  /** An order of the exit is still working (resting LIMIT before its timeout, cancel or send in flight). */
  | (ProgressOf & { readonly kind: 'WORKING'; readonly detail: string })
  /** The next order of the ladder was placed. */
  | (ProgressOf & {
      readonly kind: 'ORDER_PLACED';
      readonly clientOrderId: string;
      readonly attempt: number;
      readonly step: string;
      readonly amount: Decimal;
      /** Undefined for MARKET. */
      readonly price: Decimal | undefined;
      /** The ladder's repeating last rung (the IOC at the floor): sent once per sweep, not walked on. */
      readonly repeats: boolean;
    })
  /**
   * The next order cannot be sent now (the gate refused, no price, the bid below the exit's floor:
   * EXIT_PRICE_CAPPED); the next sweep tries again.
   */
  | (ProgressOf & { readonly kind: 'WAITING'; readonly code: string; readonly detail: string })
  /** The exit is over; its decision records how. */
  | (ProgressOf & { readonly kind: 'FINISHED'; readonly outcome: ExitOutcome; readonly detail: string });
