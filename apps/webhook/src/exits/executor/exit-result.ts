// What starting an exit did: its first order is out, or why nothing is sold (with its decision).
import type { Decimal } from '@hookline/core';

/** What start() did: the first order is out, or why nothing is sold (with its decision). */
export type StartExitResult =
  | {
      readonly kind: 'STARTED';
      readonly decisionId: string;
      readonly clientOrderId: string;
      readonly amount: Decimal;
    }
  | {
      readonly kind: 'NOT_SOLD';
      readonly decisionId: string;
      readonly code: string;
      readonly detail: string;
    };
