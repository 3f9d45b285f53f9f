import { HooklineError } from '@hookline/core';
import { ExchangeError, type ExchangeErrorContext } from '../port/exchange-error.js';
import type { ExchangeOperation } from '../port/exchange-port.js';
import type { PaperFault } from './paper-faults.js';

/** What a paper request needs around its action: how to wait, and how to catch up and report. */
export interface RequestSteps {
  readonly wait: (milliseconds: number) => Promise<void>;
  /** Throws when the exchange is closed. */
  assertOpen(operation: ExchangeOperation): void;
  /**
   * Reads a real venue's latest prices before the action; undefined when there is nothing to read
   * (the offline sources), so the request stays synchronous after its faults as before.
   */
  refresh(operation: ExchangeOperation): Promise<void> | undefined;
  /** Moves the market up to the clock. */
  sync(): void;
  /** Delivers events and saves. */
  commit(): void;
}

/**
 * Runs one request the way a network call behaves under the injected faults: latency first (the
 * request reaches the venue, whose latest prices are then read); then
 * a 429 or a rejection (nothing happens); a timeout before the venue (nothing happens) or after it
 * (the action took effect) both throw UNKNOWN_OUTCOME. Any error that is not an ExchangeError is a
 * paper-exchange bug and is reported as FATAL with the original as cause.
 */
export async function runPaperRequest<Result>(
  steps: RequestSteps,
  faults: readonly PaperFault[],
  operation: ExchangeOperation,
  context: ExchangeErrorContext,
  action: () => Result,
): Promise<Result> {
  // Unset fields (a market order's price) would only print as "undefined" in the message.
  const fullContext: ExchangeErrorContext = Object.fromEntries(
    Object.entries({ operation, ...context }).filter(([, value]) => value !== undefined),
  );
  for (const fault of faults) if (fault.type === 'latency') await steps.wait(fault.milliseconds);
  steps.assertOpen(operation);
  const reading = steps.refresh(operation);
  if (reading !== undefined) {
    await reading;
    steps.assertOpen(operation);
  }
  for (const fault of faults) {
    if (fault.type === 'rateLimit') {
      throw new ExchangeError('RATE_LIMITED', '429 Too Many Requests (injected fault)', {
        context: fullContext,
      });
    }
    if (fault.type === 'reject') {
      throw new ExchangeError(fault.kind, fault.message ?? 'refused (injected fault)', {
        context: fullContext,
      });
    }
  }
  const timeout = faults.find((fault) => fault.type === 'timeout');
  if (timeout !== undefined && !timeout.placed) throw unknownOutcome(fullContext);
  let result: Result;
  try {
    steps.sync();
    result = action();
  } catch (error) {
    throw asExchangeError(error, fullContext);
  } finally {
    steps.commit();
  }
  if (timeout !== undefined) throw unknownOutcome(fullContext);
  return result;
}

function unknownOutcome(context: ExchangeErrorContext): ExchangeError {
  return new ExchangeError(
    'UNKNOWN_OUTCOME',
    'the request timed out; it may have taken effect (injected fault)',
    {
      context,
    },
  );
}

function asExchangeError(error: unknown, context: ExchangeErrorContext): ExchangeError {
  if (error instanceof ExchangeError) return error;
  const message = error instanceof HooklineError ? error.message : 'the paper exchange failed unexpectedly';
  return new ExchangeError('FATAL', message, { context, cause: error });
}
