// One reconciliation pass, step by step. The order matters: working orders are resolved first (so
// an order whose ack was lost gets its exchange id before its fills arrive and links to our row),
// unknown open orders are imported next (so their fills attach to the imported row), then fills
// since the cursor, and holdings last, on a ledger that already holds every fill.
import { HooklineError } from '@hookline/core';
import type { Balances } from '@hookline/exchange';
import { isExchangeError } from '@hookline/exchange';
import type { LedgerOptions } from '@hookline/ledger';
import { compareHoldings, type HoldingsInput } from './holdings-check.js';
import { loadLedgerHoldings } from './ledger-holdings.js';
import { type MissedFillsContext, recordMissedFills } from './missed-fills.js';
import { type OrdersInFlightContext, resolveOrdersInFlight } from './orders-in-flight.js';
import type { ReconcileError, ReconcileStep, ReportDraft } from './reconcile-report.js';
import { importUnknownOrders, type UnknownOrdersContext } from './unknown-orders.js';

/** Everything a pass reads and writes. */
export interface ReconcileRunContext extends OrdersInFlightContext, UnknownOrdersContext, MissedFillsContext {
  readonly ledger: LedgerOptions;
  readonly cashCurrencies: HoldingsInput['cashCurrencies'];
  readonly dustTolerance: HoldingsInput['dustTolerance'];
}

/** A step that threw, with the step's name. */
export class ReconcileStepFailure extends Error {
  constructor(
    readonly step: ReconcileStep,
    readonly failure: unknown,
  ) {
    super(
      `reconciliation step ${step} failed: ${failure instanceof Error ? failure.message : String(failure)}`,
      {
        cause: failure,
      },
    );
  }
}

// Fills that land between the fills read and the balances read would look like a mismatch: read the
// fills again after the balances, and compare only once no new fill arrived in between.
const HOLDINGS_ATTEMPTS = 3;

/** Runs every step; the first step that throws ends the pass with a ReconcileStepFailure. */
export async function runReconciliation(context: ReconcileRunContext, draft: ReportDraft): Promise<void> {
  await step('ordersInFlight', () => resolveOrdersInFlight(context, draft));
  await step('openOrders', () => importUnknownOrders(context, draft));
  await step('fills', async () => {
    draft.fillsInserted += await recordMissedFills(context);
  });
  await step('holdings', () => reconcileHoldings(context, draft));
}

async function reconcileHoldings(context: ReconcileRunContext, draft: ReportDraft): Promise<void> {
  const markets = await context.exchange.fetchMarkets();
  let balances: Balances | undefined;
  for (let attempt = 0; attempt < HOLDINGS_ATTEMPTS && balances === undefined; attempt += 1) {
    const candidate = await context.exchange.fetchBalances();
    const late = await recordMissedFills(context);
    draft.fillsInserted += late;
    if (late === 0) balances = candidate;
  }
  if (balances === undefined) {
    throw new HooklineError('TEMPORARY', `fills kept arriving during ${HOLDINGS_ATTEMPTS} balance reads`, {
      context: { account: context.account },
    });
  }
  const ledger = await loadLedgerHoldings(context.store, context.account, context.ledger);
  const verdict = compareHoldings({
    ledger,
    balances,
    markets,
    cashCurrencies: context.cashCurrencies,
    dustTolerance: context.dustTolerance,
  });
  draft.zombies.push(...verdict.zombies);
  draft.unknownHoldings.push(...verdict.unknownHoldings);
}

async function step(name: ReconcileStep, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new ReconcileStepFailure(name, error);
  }
}

/** The report's view of a failure: its step, stable code and message. */
export function describeFailure(step: ReconcileStep, error: unknown): ReconcileError {
  const cause = error instanceof ReconcileStepFailure ? error.failure : error;
  const failedStep = error instanceof ReconcileStepFailure ? error.step : step;
  const code = isExchangeError(cause)
    ? cause.kind
    : cause instanceof HooklineError
      ? cause.code
      : 'UNEXPECTED';
  const message = cause instanceof Error ? cause.message : String(cause);
  return { step: failedStep, code, message };
}
