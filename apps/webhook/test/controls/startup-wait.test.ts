// After a start, entries wait for the first successful reconciliation with the exchange instead of
// being refused: an alert accepted before it finishes is decided once it has, and one that waits longer
// than HOOKLINE_ENTRY_RECONCILE_WAIT_MS (on the system's clock, from the alert's receipt) is BLOCKED
// RECONCILIATION_PENDING. Through the real HTTP intake, BullMQ workers and the system's own controls.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, type TradingUnderTest, useTradingHarness } from '../support/trading-harness.js';

/** Long enough for several pauses of a waiting entry (200 ms each) to have passed. */
const SEVERAL_PAUSES_MS = 1_000;

describe('entries after a start wait for the start-up reconciliation', () => {
  const harness = useTradingHarness();
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function accepted(trading: TradingUnderTest, alertId: string): Promise<void> {
    const answer = await trading.post(buyAlertBody(alertId));
    expect(answer.statusCode).toBe(202);
  }

  async function stillUndecided(trading: TradingUnderTest): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, SEVERAL_PAUSES_MS));
    expect(await trading.database.prisma.decision.count()).toBe(0);
    expect(await trading.database.prisma.alert.findFirstOrThrow()).toMatchObject({ status: 'ACCEPTED' });
  }

  async function onlyDecision(trading: TradingUnderTest) {
    const prisma = trading.database.prisma;
    await eventually(async () => (await prisma.decision.count()) > 0, { what: 'a decision' });
    return await prisma.decision.findFirstOrThrow();
  }

  it('when an entry is accepted before the start-up reconciliation finishes then it waits and is ORDERED after it', async () => {
    const trading = await harness({ operatorControls: true });

    await accepted(trading, 'early-1');
    await stillUndecided(trading);
    expect((await trading.system.reconciler.runOnce()).outcome).toBe('COMPLETED');

    expect(await onlyDecision(trading)).toMatchObject({ outcome: 'ORDERED', reasonCode: 'ORDERED' });
  });

  it('when the entry waits longer than HOOKLINE_ENTRY_RECONCILE_WAIT_MS then it is BLOCKED RECONCILIATION_PENDING', async () => {
    const trading = await harness({
      operatorControls: true,
      env: { HOOKLINE_ENTRY_RECONCILE_WAIT_MS: '30000' },
    });

    await accepted(trading, 'late-1');
    await stillUndecided(trading);
    trading.venue.clock.advance(30_000);

    const decision = await onlyDecision(trading);
    expect(decision).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'RECONCILIATION_PENDING' });
    expect(decision.ruleInputs).toMatchObject({
      startup: {
        reconcileWaitMs: 30_000,
        heldBecause: 'waiting for the first successful reconciliation with the exchange',
      },
    });
    expect(await trading.database.prisma.tradeRecord.count()).toBe(0);
  });

  it('when HOOKLINE_ENTRY_RECONCILE_WAIT_MS is 0 then an entry before the reconciliation is refused at once', async () => {
    const trading = await harness({ operatorControls: true, env: { HOOKLINE_ENTRY_RECONCILE_WAIT_MS: '0' } });

    await accepted(trading, 'zero-1');

    expect(await onlyDecision(trading)).toMatchObject({
      outcome: 'BLOCKED',
      reasonCode: 'RECONCILIATION_PENDING',
    });
  });

  it('when the system stops while an entry waits then it stops at once and the alert stays ACCEPTED for a retry', async () => {
    const trading = await harness({ operatorControls: true });
    await accepted(trading, 'stop-1');
    await stillUndecided(trading);

    const started = Date.now();
    await trading.system.stop();

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await trading.database.prisma.decision.count()).toBe(0);
    expect(await trading.database.prisma.alert.findFirstOrThrow()).toMatchObject({ status: 'ACCEPTED' });
  });
});
