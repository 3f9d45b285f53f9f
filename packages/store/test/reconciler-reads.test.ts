import { dec } from '@hookline/core';
import { recordFills } from '@hookline/ledger-store';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import {
  countFillsOfOrder,
  findOrderByClientOrderId,
  importExchangeOrder,
  isOrderKnown,
  linkFillsToOrders,
  markOrderReconciled,
  readAccountLedger,
  readOrdersInFlight,
  recordExchangeFills,
  storeOf,
} from '../src/index.js';
import { at, exchangeOrder, fill, order, T0 } from './order-fixtures.js';

const SCOPE = { account: 'default', exchange: 'paper' };

describe('what the reconciler and the fill recorder read and write', () => {
  const perFile = usePerFileDatabase('store-reconciler-reads');
  const store = () => storeOf(perFile.database());
  const prisma = () => perFile.database().prisma;

  it('when orders in flight are read then only the account exchange rows that may still change come, oldest first', async () => {
    await order(prisma(), 'open-late', { status: 'OPEN', orderTime: at(2) });
    await order(prisma(), 'submitted-early', { status: 'SUBMITTED', orderTime: at(1) });
    await order(prisma(), 'pending-cancel', { status: 'PENDING_CANCEL', orderTime: at(3) });
    await order(prisma(), 'partial', { status: 'PARTIALLY_FILLED', orderTime: at(4) });
    await order(prisma(), 'never-sent', { status: 'NEW' });
    await order(prisma(), 'done', { status: 'FILLED' });
    await order(prisma(), 'other-account', { status: 'OPEN', account: 'other' });
    await order(prisma(), 'other-exchange', { status: 'OPEN', exchange: 'coinbase' });

    const rows = await readOrdersInFlight(store(), SCOPE);

    expect(rows.map((row) => row.clientOrderId)).toEqual([
      'submitted-early',
      'open-late',
      'pending-cancel',
      'partial',
    ]);
    expect(rows[0]?.side).toBe('buy');
  });

  it('when fills name an order by its row or by its client order id then both are counted', async () => {
    const id = await order(prisma(), 'c-1', { status: 'SUBMITTED' });
    await order(prisma(), 'c-2', { status: 'SUBMITTED' });
    await recordFills(prisma(), [fill('t-1', { orderId: 'x-9', clientOrderId: 'c-1' })]);

    expect(await countFillsOfOrder(store(), { id, clientOrderId: 'c-1' })).toBe(1);
    expect(await countFillsOfOrder(store(), { id: 'not-a-row', clientOrderId: 'c-2' })).toBe(0);
  });

  it('when an order is marked reconciled then the time is stored, and the exchange id only on a row without one', async () => {
    const bare = await order(prisma(), 'bare', { status: 'SUBMITTED' });
    const acked = await order(prisma(), 'acked', { status: 'OPEN', orderId: 'x-1' });

    await markOrderReconciled(store(), { id: bare, orderId: null }, at(5), 'x-2');
    await markOrderReconciled(store(), { id: acked, orderId: 'x-1' }, at(5), 'x-3');

    expect(await findOrderByClientOrderId(store(), 'bare')).toMatchObject({
      orderId: 'x-2',
      lastReconciledAt: at(5),
    });
    expect(await findOrderByClientOrderId(store(), 'acked')).toMatchObject({
      orderId: 'x-1',
      lastReconciledAt: at(5),
    });
  });

  it('when an unknown exchange order is imported then it is a RECONCILED row in the exchange status, once', async () => {
    const unknown = exchangeOrder('x-7');
    expect(await isOrderKnown(store(), SCOPE, unknown)).toBe(false);

    expect(await importExchangeOrder(store(), SCOPE, unknown, 'reconciled:default:paper:x-7', at(1))).toBe(
      true,
    );
    expect(await importExchangeOrder(store(), SCOPE, unknown, 'reconciled:default:paper:x-7', at(2))).toBe(
      false,
    );

    expect(await isOrderKnown(store(), SCOPE, unknown)).toBe(true);
    const row = await findOrderByClientOrderId(store(), 'reconciled:default:paper:x-7');
    expect(row).toMatchObject({
      orderId: 'x-7',
      side: 'sell',
      orderType: 'LIMIT',
      timeInForce: 'GTC',
      postOnly: true,
      status: 'OPEN',
      trigger: 'RECONCILED',
      source: 'RECONCILED',
      ingestVia: 'REST',
      orderTime: T0,
      lastReconciledAt: at(1),
    });
    expect(row?.price?.toString()).toBe('65000');
    expect(row?.size.toString()).toBe('0.02');
  });

  it('when an exchange order matches a row by client order id or by exchange id then it is known', async () => {
    await order(prisma(), 'ours', { status: 'OPEN', orderId: 'x-1' });

    expect(await isOrderKnown(store(), SCOPE, exchangeOrder('x-other', { clientOrderId: 'ours' }))).toBe(
      true,
    );
    expect(await isOrderKnown(store(), SCOPE, exchangeOrder('x-1'))).toBe(true);
    expect(await isOrderKnown(store(), { account: 'other', exchange: 'paper' }, exchangeOrder('x-1'))).toBe(
      false,
    );
  });

  it('when a fill of our order arrives before its ack then the fill links our row and records onto it, no RECONCILED row', async () => {
    const id = await order(prisma(), 'c-1', { status: 'SUBMITTED' });
    const fills = [fill('t-1', { orderId: 'x-1', clientOrderId: 'c-1' })];

    await linkFillsToOrders(store(), SCOPE, [{ orderId: 'x-1', clientOrderId: 'c-1' }, { orderId: 'x-2' }]);
    const result = await recordExchangeFills(store(), fills, { unknownOrderOrigin: 'RECONCILED' });

    expect(result.inserted).toBe(1);
    expect((await findOrderByClientOrderId(store(), 'c-1'))?.orderId).toBe('x-1');
    expect(await prisma().tradeRecord.count()).toBe(1);
    expect((await prisma().fill.findFirstOrThrow()).tradeRecordId).toBe(id);
  });

  it('when fills are recorded twice then the second time is a no-op', async () => {
    const fills = [fill('t-1'), fill('t-2', { size: dec('0.02') })];

    expect((await recordExchangeFills(store(), fills, { unknownOrderOrigin: 'RECONCILED' })).inserted).toBe(
      2,
    );
    expect((await recordExchangeFills(store(), fills, { unknownOrderOrigin: 'RECONCILED' })).inserted).toBe(
      0,
    );
  });

  it("when an account's ledger is read then only its fills and allocations come, in execution order", async () => {
    await recordFills(prisma(), [
      fill('t-2', { executedAt: at(2) }),
      fill('t-1', { executedAt: at(1) }),
      fill('t-3', { executedAt: at(3), side: 'sell', size: dec('0.005'), price: dec('61000') }),
      fill('t-9', { account: 'other' }),
    ]);

    const ledger = await readAccountLedger(store(), 'default');

    expect(ledger.fills.map((row) => row.tradeId)).toEqual(['t-1', 't-2', 't-3']);
    expect(ledger.allocations.length).toBeGreaterThan(0);
    expect(ledger.allocations.every((allocation) => allocation.account === 'default')).toBe(true);
  });
});
