import { SequentialIdGenerator } from '@hookline/core';
import { openMemoryDatabase } from '@hookline/db';
import type { AlertRecordPayload } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import {
  type AlertDecision,
  AlertIntakeStore,
  countAlertsByStatus,
  countDecisionsByOutcome,
  findAlert,
  findAlertDecision,
  type IntakeAlert,
  markAlertFailed,
  readAlertToDecide,
  readStaleAcceptedAlerts,
  recordAlertDecision,
  storeOf,
} from '../src/index.js';

const RECEIVED = new Date('2024-05-01T12:00:00.000Z');

function intakeAlert(id: string, fields: Partial<IntakeAlert> = {}): IntakeAlert {
  return {
    id,
    idempotencyKey: `key-${id}`,
    rawBody: '{"passphrase":"***"}',
    payload: { alert: { action: 'buy', symbol: 'BTC/USD' } } as unknown as AlertRecordPayload,
    remoteAddress: '52.89.214.238',
    status: 'ACCEPTED',
    reason: null,
    receivedAt: RECEIVED,
    ...fields,
  };
}

describe('alerts from intake to decision', () => {
  const perFile = usePerFileDatabase('store-alerts');
  const store = () => storeOf(perFile.database());

  it('when an alert is inserted under a fresh key then it is stored as received, payload included', async () => {
    const intake = new AlertIntakeStore(store(), 'default');

    expect(await intake.insertUnlessKeyExists(intakeAlert('a-1'))).toEqual({ inserted: true });

    const row = await findAlert(store(), 'a-1');
    expect(row).toMatchObject({
      idempotencyKey: 'key-a-1',
      source: 'TRADINGVIEW',
      status: 'ACCEPTED',
      remoteAddress: '52.89.214.238',
      receivedAt: RECEIVED,
    });
    expect(row?.parsedPayload).toEqual({ alert: { action: 'buy', symbol: 'BTC/USD' } });
  });

  it('when a second alert comes under a key already held then nothing is inserted and the holder is named', async () => {
    const intake = new AlertIntakeStore(store(), 'default');
    await intake.insertUnlessKeyExists(intakeAlert('a-1'));

    const outcome = await intake.insertUnlessKeyExists(intakeAlert('a-2', { idempotencyKey: 'key-a-1' }));

    expect(outcome).toEqual({ inserted: false, existingId: 'a-1' });
    expect(await findAlert(store(), 'a-2')).toBeNull();
  });

  it('when a key is looked up then only a row received at or after the given instant is found', async () => {
    const intake = new AlertIntakeStore(store(), 'default');
    await intake.insert(intakeAlert('a-1', { status: 'REJECTED', reason: 'BAD_PASSPHRASE' }));

    expect(await intake.findReceivedSince('key-a-1', RECEIVED)).toBe('a-1');
    expect(await intake.findReceivedSince('key-a-1', new Date(RECEIVED.getTime() + 1))).toBeUndefined();
    expect((await findAlert(store(), 'a-1'))?.reason).toBe('BAD_PASSPHRASE');
  });

  it('when accepted alerts are older than the cut-off then they come oldest first, a page after the cursor', async () => {
    const intake = new AlertIntakeStore(store(), 'default');
    const at = (minutes: number) => new Date(RECEIVED.getTime() + minutes * 60_000);
    await intake.insert(intakeAlert('late', { receivedAt: at(2) }));
    await intake.insert(intakeAlert('early', { receivedAt: at(1) }));
    // Same instant as 'late': the id breaks the tie, so no alert is skipped or read twice across pages.
    await intake.insert(intakeAlert('late-twin', { receivedAt: at(2) }));
    await intake.insert(intakeAlert('rejected', { receivedAt: at(0), status: 'REJECTED' }));
    await intake.insert(intakeAlert('fresh', { receivedAt: at(10) }));
    const ids = async (after?: { receivedAt: Date; id: string }, limit = 2) =>
      (
        await readStaleAcceptedAlerts(store(), { account: 'default', receivedBefore: at(5), after, limit })
      ).map(({ id }) => id);

    expect(await ids(undefined, 10)).toEqual(['early', 'late', 'late-twin']);
    expect(await ids()).toEqual(['early', 'late']);
    expect(await ids({ receivedAt: at(2), id: 'late' })).toEqual(['late-twin']);
    expect(await ids({ receivedAt: at(2), id: 'late-twin' })).toEqual([]);
  });

  it('when a decision is recorded then the decision and the alert PROCESSED are stored together, side in the domain spelling', async () => {
    await new AlertIntakeStore(store(), 'default').insert(intakeAlert('a-1'));
    const processedAt = new Date(RECEIVED.getTime() + 500);

    const decision = await recordAlertDecision(
      store(),
      {
        alertId: 'a-1',
        decisionId: '0190f5a0-0000-7000-8000-000000000001',
        account: 'default',
        symbol: 'BTC/USD',
        side: 'buy',
        intent: 'ENTRY',
        outcome: 'BLOCKED',
        reasonCode: 'BUY_GUARD_ACTIVE',
        ruleInputs: { risk: { buyGuard: true } },
        createdAt: RECEIVED,
      },
      processedAt,
    );

    expect(decision).toMatchObject({
      decisionId: '0190f5a0-0000-7000-8000-000000000001',
      side: 'buy',
      outcome: 'BLOCKED',
      ruleInputs: { risk: { buyGuard: true } },
    });
    expect(await findAlertDecision(store(), 'a-1')).toEqual(decision);
    expect(await findAlert(store(), 'a-1')).toMatchObject({
      status: 'PROCESSED',
      processedAt,
      reason: 'BUY_GUARD_ACTIVE',
    });
  });

  it('when two workers decide the same alert at once then one decision is stored and both get it', async () => {
    await new AlertIntakeStore(store(), 'default').insert(intakeAlert('a-1'));
    const decide = (reasonCode: string) =>
      recordAlertDecision(
        store(),
        {
          alertId: 'a-1',
          account: 'default',
          symbol: 'BTC/USD',
          side: 'buy',
          intent: 'ENTRY',
          outcome: 'BLOCKED',
          reasonCode,
          ruleInputs: {},
          createdAt: RECEIVED,
        },
        RECEIVED,
      );

    const [first, second] = await Promise.all([decide('BUY_GUARD_ACTIVE'), decide('SYMBOL_COOLDOWN')]);

    expect(await perFile.database().prisma.decision.count({ where: { alertId: 'a-1' } })).toBe(1);
    expect(second.decisionId).toBe(first.decisionId);
    expect((await findAlert(store(), 'a-1'))?.reason).toBe(first.reasonCode);
  });

  it('when an ORDERED decision is recorded then the alert keeps no reason', async () => {
    await new AlertIntakeStore(store(), 'default').insert(intakeAlert('a-1'));

    await recordAlertDecision(
      store(),
      {
        alertId: 'a-1',
        account: 'default',
        symbol: 'BTC/USD',
        side: 'buy',
        intent: 'ENTRY',
        outcome: 'ORDERED',
        reasonCode: 'ORDERED',
        ruleInputs: {},
        createdAt: RECEIVED,
      },
      RECEIVED,
    );

    expect(await findAlert(store(), 'a-1')).toMatchObject({ status: 'PROCESSED', reason: null });
  });

  it('when the alert update fails then the decision is not stored either (one transaction)', async () => {
    await new AlertIntakeStore(store(), 'default').insert(intakeAlert('a-1'));
    const prisma = perFile.database().prisma;
    // The alert's update is made to fail after the decision's insert has run.
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_alert_update() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'alert update refused'; END $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(
      'CREATE TRIGGER refuse_alert_update BEFORE UPDATE ON alerts FOR EACH ROW EXECUTE FUNCTION refuse_alert_update()',
    );
    perFile.onCleanup(async () => {
      await prisma.$executeRawUnsafe('DROP TRIGGER refuse_alert_update ON alerts');
      await prisma.$executeRawUnsafe('DROP FUNCTION refuse_alert_update()');
    });

    await expect(
      recordAlertDecision(
        store(),
        {
          alertId: 'a-1',
          account: 'default',
          symbol: 'BTC/USD',
          side: 'sell',
          intent: 'EXIT',
          outcome: 'SKIPPED',
          reasonCode: 'EXIT_BY_SENTINEL',
          ruleInputs: {},
          createdAt: RECEIVED,
        },
        RECEIVED,
      ),
    ).rejects.toThrow(/alert update refused/);

    expect(await prisma.decision.count()).toBe(0);
    expect((await findAlert(store(), 'a-1'))?.status).toBe('ACCEPTED');
  });

  it('when an alert is marked FAILED then only an ACCEPTED one changes', async () => {
    const intake = new AlertIntakeStore(store(), 'default');
    await intake.insert(intakeAlert('accepted'));
    await intake.insert(intakeAlert('rejected', { status: 'REJECTED', reason: 'BAD_PASSPHRASE' }));
    const at = new Date(RECEIVED.getTime() + 1_000);

    await markAlertFailed(store(), 'accepted', 'PROCESSING_FAILED', at);
    await markAlertFailed(store(), 'rejected', 'PROCESSING_FAILED', at);

    expect(await findAlert(store(), 'accepted')).toMatchObject({
      status: 'FAILED',
      reason: 'PROCESSING_FAILED',
      processedAt: at,
    });
    expect(await findAlert(store(), 'rejected')).toMatchObject({
      status: 'REJECTED',
      reason: 'BAD_PASSPHRASE',
    });
  });

  it("when alerts and decisions are counted then they come grouped by status (the account's alerts) and by outcome and reason", async () => {
    const intake = new AlertIntakeStore(store(), 'default');
    await intake.insert(intakeAlert('a-1'));
    await intake.insert(intakeAlert('a-2'));
    await intake.insert(intakeAlert('a-3', { status: 'REJECTED' }));
    await new AlertIntakeStore(store(), 'other').insert(intakeAlert('o-1'));
    const decide = (alertId: string, reasonCode: string) =>
      recordAlertDecision(
        store(),
        {
          alertId,
          account: 'default',
          symbol: 'BTC/USD',
          side: 'buy',
          intent: 'ENTRY',
          outcome: 'BLOCKED',
          reasonCode,
          ruleInputs: {},
          createdAt: RECEIVED,
        },
        RECEIVED,
      );
    await decide('a-1', 'BUY_GUARD_ACTIVE');
    await decide('a-2', 'BUY_GUARD_ACTIVE');

    const alerts = await countAlertsByStatus(store(), 'default');
    expect(await countAlertsByStatus(store(), 'other')).toEqual([{ status: 'ACCEPTED', count: 1 }]);
    expect(alerts).toHaveLength(2);
    expect(alerts).toEqual(
      expect.arrayContaining([
        { status: 'PROCESSED', count: 2 },
        { status: 'REJECTED', count: 1 },
      ]),
    );
    expect(await countDecisionsByOutcome(store(), 'other')).toEqual([]);
    expect(await countDecisionsByOutcome(store(), 'default')).toEqual([
      { outcome: 'BLOCKED', reasonCode: 'BUY_GUARD_ACTIVE', count: 2 },
    ]);
  });
  // The same TradingView id sent to two accounts' deployments: one row each, each its account's own.
  it.each([
    [
      'one by one',
      async (intake: AlertIntakeStore, row: IntakeAlert) => await intake.insertUnlessKeyExists(row),
    ],
    [
      'in a batch',
      async (intake: AlertIntakeStore, row: IntakeAlert) => (await intake.insertBatch([{ row }]))[0],
    ],
  ])(
    'when two accounts store an alert under the same key %s then both are stored, each a duplicate only of its own',
    async (_, insert) => {
      const lab = new AlertIntakeStore(store(), 'lab');
      const main = new AlertIntakeStore(store(), 'main');

      expect(await insert(lab, intakeAlert('lab-1', { idempotencyKey: 'tradingview:id:same' }))).toEqual({
        inserted: true,
      });
      expect(await insert(main, intakeAlert('main-1', { idempotencyKey: 'tradingview:id:same' }))).toEqual({
        inserted: true,
      });
      expect(await insert(main, intakeAlert('main-2', { idempotencyKey: 'tradingview:id:same' }))).toEqual({
        inserted: false,
        existingId: 'main-1',
      });

      expect(await findAlert(store(), 'lab-1')).toMatchObject({
        account: 'lab',
        idempotencyKey: 'tradingview:id:same',
      });
      expect(await findAlert(store(), 'main-1')).toMatchObject({
        account: 'main',
        idempotencyKey: 'tradingview:id:same',
      });
      expect(await lab.findReceivedSince('tradingview:id:same', RECEIVED)).toBe('lab-1');
      expect(await main.findReceivedSince('tradingview:id:same', RECEIVED)).toBe('main-1');
    },
  );

  it('when a batch names a previous key held only by another account then its row is inserted', async () => {
    const lab = new AlertIntakeStore(store(), 'lab');
    const main = new AlertIntakeStore(store(), 'main');
    await lab.insert(intakeAlert('lab-1', { idempotencyKey: 'content:previous' }));

    const [outcome] = await main.insertBatch([
      {
        row: intakeAlert('main-1', { idempotencyKey: 'content:current' }),
        previous: { key: 'content:previous', since: RECEIVED },
      },
    ]);

    expect(outcome).toEqual({ inserted: true });
  });

  it("when stale accepted alerts are read then only the asking account's come", async () => {
    await new AlertIntakeStore(store(), 'lab').insert(intakeAlert('lab-1'));
    await new AlertIntakeStore(store(), 'main').insert(intakeAlert('main-1'));
    const stale = async (account: string) =>
      (
        await readStaleAcceptedAlerts(store(), {
          account,
          receivedBefore: new Date(RECEIVED.getTime() + 1),
          limit: 10,
        })
      ).map(({ id }) => id);

    expect(await stale('lab')).toEqual(['lab-1']);
    expect(await stale('main')).toEqual(['main-1']);
    expect(await stale('other')).toEqual([]);
  });

  it('when an alert is read to be decided then its fields come, with no decision until one is stored and then the first', async () => {
    await new AlertIntakeStore(store(), 'default').insert(intakeAlert('a-1'));

    const before = await readAlertToDecide(store(), 'a-1');
    const decision = await recordAlertDecision(store(), blockedDecision('a-1'), RECEIVED);
    const after = await readAlertToDecide(store(), 'a-1');

    expect(before).toEqual({
      id: 'a-1',
      account: 'default',
      source: 'TRADINGVIEW',
      parsedPayload: { alert: { action: 'buy', symbol: 'BTC/USD' } },
      receivedAt: RECEIVED,
      decision: null,
    });
    expect(after).toEqual({ ...before, decision });
    expect(after?.decision).toEqual(await findAlertDecision(store(), 'a-1'));
    expect(await readAlertToDecide(store(), 'no-such-alert')).toBeNull();
  });

  it('when the store was opened with row ids then a decision given no id takes the next one', async () => {
    const ids = new SequentialIdGenerator('decision');
    const seeded = storeOf(perFile.database(), { rowIds: ids });
    await new AlertIntakeStore(seeded, 'default').insert(intakeAlert('a-1'));

    const decision = await recordAlertDecision(seeded, blockedDecision('a-1'), RECEIVED);

    expect(decision.decisionId).toBe(new SequentialIdGenerator('decision').next());
  });

  it('when an alert is decided on PGlite (the backtest database) then the same statements store and read it', async () => {
    const memory = await openMemoryDatabase();
    try {
      const lite = storeOf(memory);
      await new AlertIntakeStore(lite, 'default').insert(intakeAlert('a-1'));

      const decision = await recordAlertDecision(lite, blockedDecision('a-1'), RECEIVED);
      const again = await recordAlertDecision(lite, blockedDecision('a-1', 'SYMBOL_COOLDOWN'), RECEIVED);

      expect(decision).toMatchObject({ side: 'buy', reasonCode: 'BUY_GUARD_ACTIVE', createdAt: RECEIVED });
      expect(decision.ruleInputs).toEqual({ risk: { buyGuard: true } });
      expect(again).toEqual(decision);
      expect((await readAlertToDecide(lite, 'a-1'))?.decision).toEqual(decision);
      expect(await findAlert(lite, 'a-1')).toMatchObject({ status: 'PROCESSED', reason: 'BUY_GUARD_ACTIVE' });
    } finally {
      await memory.close();
    }
  });
});

function blockedDecision(alertId: string, reasonCode = 'BUY_GUARD_ACTIVE'): AlertDecision {
  return {
    alertId,
    account: 'default',
    symbol: 'BTC/USD',
    side: 'buy',
    intent: 'ENTRY',
    outcome: 'BLOCKED',
    reasonCode,
    ruleInputs: { risk: { buyGuard: true } },
    createdAt: RECEIVED,
  };
}
