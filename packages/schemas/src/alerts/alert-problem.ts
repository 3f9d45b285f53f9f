import type { ReasonCodeIn } from '@hookline/core';

/** The reason codes an alert body can be refused with (INVALID_SYMBOL: the ticker maps to no market). */
export type AlertProblemCode =
  | Extract<ReasonCodeIn<'ingress'>, 'INVALID_JSON' | 'INVALID_PAYLOAD'>
  | 'INVALID_SYMBOL';

/**
 * Why an alert body was refused. `stage` separates a body that cannot be read at all ('decode', HTTP 400)
 * from a readable one whose contents are wrong ('validate', HTTP 422). Messages never echo a passphrase.
 */
export interface AlertProblem {
  readonly code: AlertProblemCode;
  readonly stage: 'decode' | 'validate';
  readonly message: string;
}
