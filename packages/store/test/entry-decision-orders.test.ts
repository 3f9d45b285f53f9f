// An ORDERED entry's decision and its order row are written by one statement: never one without the
// other, so the next entry's gate always counts the order of every ORDERED decision.
import { dec, SequentialIdGenerator } from '@hookline/core';
import { openMemoryDatabase } from '@hookline/db';
import type { AlertRecordPayload } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import {
  type AlertDecision,
  AlertIntakeStore,
  clientOrderIdOf,
  findAlert,
  findOrderByClientOrderId,
  type OrderIntent,
  recordAlertDecision,
  type Store,
  storeOf,
  writeOrderIntent,
} from '../src/index.js';

const RECEIVED = new Date('2024-05-01T12:00:00.000Z');
const DECIDED = new Date('2024-05-01T12:00:00.250Z');

const ORDER: Omit<OrderIntent, 'decisionId'> = {
  account: 'default',
  exchange: 'paper',
  symbol: 'BTC/USD',
  side: 'buy',
  amount: dec('0.0125'),
  price: dec('64000.5'),
  postOnly: true,
  trigger: 'ALERT',
  timeoutMs: 60_000,
  source: 'WEBHOOK',
};

function orderedEntry(alertId: string, decisionId?: string): AlertDecision {
  return {
    alertId,
    decisionId,
    account: 'default',
    symbol: 'BTC/USD',
    side: 'buy',
    intent: 'ENTRY',
    outcome: 'ORDERED',
    reasonCode: 'ORDERED',
    ruleInputs: { order: { side: 'buy', price: '64000.5', amount: '0.0125', postOnly: true } },
    createdAt: DECIDED,
  };
}

async function acceptAlert(store: Store, id: string): Promise<void> {
  await new AlertIntakeStore(store, 'default').insert({
    id,
    idempotencyKey: `key-${id}`,
    rawBody: '{}',
    payload: { alert: { action: 'buy', symbol: 'BTC/USD' } } as unknown as AlertRecordPayload,
    remoteAddress: '52.89.214.238',
    status: 'ACCEPTED',
    reason: null,
    receivedAt: RECEIVED,
  });
}

describe('an ORDERED entry decision written with its order', () => {
  const perFile = usePerFileDatabase('store-entry-orders');
  const store = () => storeOf(perFile.database());
  const orderRows = () => perFile.database().prisma.tradeRecord.findMany();

  it('when an ORDERED entry is recorded with its order then its NEW order row carries the decision', async () => {
    await acceptAlert(store(), 'a-1');

    const decision = await recordAlertDecision(store(), orderedEntry('a-1'), DECIDED, ORDER);

    const clientOrderId = clientOrderIdOf({ decisionId: decision.decisionId });
    const row = await findOrderByClientOrderId(store(), clientOrderId);
    expect(row).toMatchObject({
      decisionId: decision.decisionId,
      account: 'default',
      exchange: 'paper',
      symbol: 'BTC/USD',
      side: 'buy',
      orderType: 'LIMIT',
      timeInForce: 'GTC',
      postOnly: true,
      status: 'NEW',
      trigger: 'ALERT',
      source: 'WEBHOOK',
      orderId: null,
      orderTime: DECIDED,
    });
    expect(row?.price?.toString()).toBe('64000.5');
    expect(row?.size.toString()).toBe('0.0125');
    expect(row?.filledSize.toString()).toBe('0');
  });

  it('when the order is written again by the executor then nothing is added (one row per decision)', async () => {
    await acceptAlert(store(), 'a-1');
    const decision = await recordAlertDecision(store(), orderedEntry('a-1'), DECIDED, ORDER);

    const again = await writeOrderIntent(store(), { ...ORDER, decisionId: decision.decisionId }, DECIDED);

    expect(again).toBe(clientOrderIdOf({ decisionId: decision.decisionId }));
    expect(await orderRows()).toHaveLength(1);
  });

  it('when two workers decide the same alert at once, each with its own decision id, then only the winner has an order row', async () => {
    await acceptAlert(store(), 'a-1');

    const [first, second] = await Promise.all([
      recordAlertDecision(store(), orderedEntry('a-1'), DECIDED, ORDER),
      recordAlertDecision(store(), orderedEntry('a-1'), DECIDED, ORDER),
    ]);

    expect(second.decisionId).toBe(first.decisionId);
    const rows = await orderRows();
    expect(rows.map((row) => row.decisionId)).toEqual([first.decisionId]);
  });

  it('when the order row cannot be written then the decision is not stored and the alert stays ACCEPTED', async () => {
    await acceptAlert(store(), 'a-1');
    const prisma = perFile.database().prisma;
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_order_insert() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'order insert refused'; END $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(
      'CREATE TRIGGER refuse_order_insert BEFORE INSERT ON trade_records FOR EACH ROW EXECUTE FUNCTION refuse_order_insert()',
    );
    perFile.onCleanup(async () => {
      await prisma.$executeRawUnsafe('DROP TRIGGER refuse_order_insert ON trade_records');
      await prisma.$executeRawUnsafe('DROP FUNCTION refuse_order_insert()');
    });

    await expect(recordAlertDecision(store(), orderedEntry('a-1'), DECIDED, ORDER)).rejects.toThrow(
      /order insert refused/,
    );

    expect(await prisma.decision.count()).toBe(0);
    expect((await findAlert(store(), 'a-1'))?.status).toBe('ACCEPTED');
  });

  it('when an order without a price is given then nothing is stored and the error names what is missing', async () => {
    await acceptAlert(store(), 'a-1');

    await expect(
      recordAlertDecision(store(), orderedEntry('a-1'), DECIDED, { ...ORDER, price: undefined }),
    ).rejects.toThrow('a LIMIT buy of BTC/USD needs a price');

    expect(await perFile.database().prisma.decision.count()).toBe(0);
    expect((await findAlert(store(), 'a-1'))?.status).toBe('ACCEPTED');
  });

  it('when the store was opened with row ids then the decision takes the first and its order row the next', async () => {
    const seeded = storeOf(perFile.database(), { rowIds: new SequentialIdGenerator('row') });
    await acceptAlert(seeded, 'a-1');

    const decision = await recordAlertDecision(seeded, orderedEntry('a-1'), DECIDED, ORDER);

    const expected = new SequentialIdGenerator('row');
    expect(decision.decisionId).toBe(expected.next());
    expect((await orderRows())[0]?.id).toBe(expected.next());
  });

  it('when an ORDERED entry is recorded on PGlite (the backtest database) then its order row is written too', async () => {
    const memory = await openMemoryDatabase();
    try {
      const lite = storeOf(memory);
      await acceptAlert(lite, 'a-1');

      const decision = await recordAlertDecision(lite, orderedEntry('a-1', 'fixed-decision'), DECIDED, ORDER);

      const row = await findOrderByClientOrderId(lite, clientOrderIdOf({ decisionId: 'fixed-decision' }));
      expect(decision.decisionId).toBe('fixed-decision');
      expect(row).toMatchObject({
        decisionId: 'fixed-decision',
        status: 'NEW',
        postOnly: true,
        orderTime: DECIDED,
      });
      expect(row?.size.toString()).toBe('0.0125');
    } finally {
      await memory.close();
    }
  });
});
