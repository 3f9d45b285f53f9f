import { dec, deriveClientOrderId } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import {
  applyOrderEvent,
  clientOrderIdOf,
  findOrderByClientOrderId,
  findOrderByExchangeOrderId,
  linkExchangeOrderId,
  type OrderIntent,
  storeOf,
  writeOrderIntent,
} from '../src/index.js';
import { decision, order, T0 } from './order-fixtures.js';

const DECISION = '0190f5a0-0000-7000-8000-000000000001';

function intent(fields: Partial<OrderIntent> = {}): OrderIntent {
  return {
    decisionId: DECISION,
    account: 'default',
    exchange: 'paper',
    symbol: 'BTC/USD',
    side: 'buy',
    amount: dec('0.01'),
    price: dec('60000.5'),
    postOnly: true,
    trigger: 'ALERT',
    source: 'WEBHOOK',
    ...fields,
  };
}

describe('our orders from intent to exchange status', () => {
  const perFile = usePerFileDatabase('store-order-lifecycle');
  const store = () => storeOf(perFile.database());
  const prisma = () => perFile.database().prisma;

  it('when an intent is written then it is a NEW row under the id derived from its decision, and a second write adds nothing', async () => {
    await decision(prisma(), DECISION);

    const first = await writeOrderIntent(store(), intent(), T0);
    const second = await writeOrderIntent(store(), intent({ amount: dec('5') }), T0);

    expect(first).toBe(deriveClientOrderId(DECISION, 0));
    expect(second).toBe(first);
    expect(clientOrderIdOf({ decisionId: DECISION, attempt: 2 })).toBe(deriveClientOrderId(DECISION, 2));
    const row = await findOrderByClientOrderId(store(), first);
    expect(row).toMatchObject({
      status: 'NEW',
      side: 'buy',
      orderType: 'LIMIT',
      timeInForce: 'GTC',
      postOnly: true,
      trigger: 'ALERT',
      source: 'WEBHOOK',
      decisionId: DECISION,
      orderTime: T0,
      orderId: null,
    });
    expect(row?.price?.toString()).toBe('60000.5');
    expect(row?.size.toString()).toBe('0.01');
    expect(await prisma().tradeRecord.count()).toBe(1);
  });

  it('when a MARKET exit intent is written then it is IOC without a price and not post-only', async () => {
    await decision(prisma(), DECISION);

    const clientOrderId = await writeOrderIntent(
      store(),
      intent({ side: 'sell', orderType: 'MARKET', attempt: 1, trigger: 'EXIT', exitReason: 'HARD_STOP' }),
      T0,
    );

    expect(await findOrderByClientOrderId(store(), clientOrderId)).toMatchObject({
      side: 'sell',
      orderType: 'MARKET',
      timeInForce: 'IOC',
      postOnly: false,
      price: null,
      exitReason: 'HARD_STOP',
    });
  });

  it('when a LIMIT intent has no price then it is refused and nothing is written', async () => {
    await decision(prisma(), DECISION);

    await expect(writeOrderIntent(store(), intent({ price: undefined }), T0)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(await prisma().tradeRecord.count()).toBe(0);
  });

  it('when a lifecycle event is applied then the status moves as transition() says and the patch travels with it', async () => {
    await order(prisma(), 'c-1', { status: 'NEW' });

    const sent = await applyOrderEvent(store(), 'c-1', 'SUBMIT', { statusReason: 'sent' });
    const acked = await applyOrderEvent(store(), 'c-1', 'ACCEPT', { orderId: 'x-1' });

    expect(sent).toMatchObject({ applied: true, row: { status: 'SUBMITTED', statusReason: 'sent' } });
    expect(acked).toMatchObject({ applied: true, row: { status: 'OPEN', orderId: 'x-1' } });
    expect(await findOrderByClientOrderId(store(), 'c-1')).toMatchObject({
      status: 'OPEN',
      orderId: 'x-1',
      statusReason: 'sent',
    });
  });

  it('when two events race on one row then neither overwrites the other: the loser is re-read and judged on the new status', async () => {
    await order(prisma(), 'c-1', { status: 'SUBMITTED' });

    await Promise.all([applyOrderEvent(store(), 'c-1', 'ACCEPT'), applyOrderEvent(store(), 'c-1', 'FILL')]);

    // ACCEPT then FILL ends FILLED; FILL then ACCEPT is refused on FILLED. Never back to OPEN.
    expect((await findOrderByClientOrderId(store(), 'c-1'))?.status).toBe('FILLED');
  });

  it('when the lifecycle refuses an event then nothing changes and the refusal says why', async () => {
    await order(prisma(), 'c-1', { status: 'FILLED' });

    const outcome = await applyOrderEvent(store(), 'c-1', 'CANCEL_CONFIRMED', {
      statusReason: 'late cancel',
    });

    expect(outcome.applied).toBe(false);
    expect(outcome.applied ? '' : outcome.reason).toMatch(/^ORDER_TRANSITION_REFUSED: /);
    expect(await findOrderByClientOrderId(store(), 'c-1')).toMatchObject({
      status: 'FILLED',
      statusReason: null,
    });
  });

  it('when the row already has an exchange order id then neither an event nor a link replaces it', async () => {
    await order(prisma(), 'c-1', { status: 'SUBMITTED', orderId: 'x-1' });
    const { id } = await prisma().tradeRecord.findUniqueOrThrow({ where: { clientOrderId: 'c-1' } });

    await applyOrderEvent(store(), 'c-1', 'ACCEPT', { orderId: 'x-2' });
    await linkExchangeOrderId(store(), id, 'x-3');

    expect((await findOrderByClientOrderId(store(), 'c-1'))?.orderId).toBe('x-1');
  });

  it('when a row has no exchange order id then linking stores it, and the row is found by it on its exchange only', async () => {
    await order(prisma(), 'c-1', { status: 'SUBMITTED' });
    const { id } = await prisma().tradeRecord.findUniqueOrThrow({ where: { clientOrderId: 'c-1' } });

    await linkExchangeOrderId(store(), id, 'x-1');

    expect((await findOrderByExchangeOrderId(store(), 'paper', 'x-1'))?.clientOrderId).toBe('c-1');
    expect(await findOrderByExchangeOrderId(store(), 'coinbase', 'x-1')).toBeNull();
  });

  it('when an event names an unknown client order id then it throws', async () => {
    await expect(applyOrderEvent(store(), 'no-such-order', 'SUBMIT')).rejects.toThrow(/no trade_records row/);
    expect(await findOrderByClientOrderId(store(), 'no-such-order')).toBeNull();
  });
});
