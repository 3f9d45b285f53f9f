import { HooklineError } from '@hookline/core';
import { isDefinitiveRejection, isExchangeError } from '@hookline/exchange';
import { UnrecoverableError } from 'bullmq';

/**
 * A failure no retry will fix (a definitive exchange rejection, an invalid payload, a missing row):
 * the worker turns it into BullMQ's UnrecoverableError, which ends the job's retries at once.
 */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/** The error to hand to BullMQ: permanent ones become UnrecoverableError, the rest are retried. */
export function toWorkerError(error: unknown): unknown {
  if (error instanceof UnrecoverableError) return error;
  if (error instanceof PermanentJobError) return new UnrecoverableError(error.message);
  if (isExchangeError(error) && isDefinitiveRejection(error.kind))
    return new UnrecoverableError(error.message);
  if (
    error instanceof HooklineError &&
    (error.code === 'INVALID_ARGUMENT' || error.code === 'CONFIG_INVALID')
  ) {
    return new UnrecoverableError(error.message);
  }
  return error;
}

/** True when the worker ends the job's retries at this error (the job fails without another run). */
export function isPermanentJobFailure(error: unknown): boolean {
  return toWorkerError(error) instanceof UnrecoverableError;
}
