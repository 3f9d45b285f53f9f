import type { OrderStatus } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import {
  findOrderByClientOrderId,
  readExitOrders,
  readWorkingOrdersOnSymbol,
  readWorkingSells,
  storeOf,
  writeExitDecision,
} from '../src/index.js';

const ACCOUNT = 'acct-exits';
const T0 = new Date('2024-05-01T12:00:00.000Z');

interface OrderRow {
  readonly clientOrderId: string;
  readonly symbol?: string;
  readonly side?: 'BUY' | 'SELL';
  readonly status: OrderStatus;
  readonly orderTimeMs?: number;
  readonly decisionId?: string;
  readonly account?: string;
  readonly orderId?: string;
}

describe('the exit orders in the store', () => {
  const perFile = usePerFileDatabase('store_exit_orders');
  const store = () => storeOf(perFile.database());

  async function order(row: OrderRow): Promise<void> {
    await perFile.database().prisma.tradeRecord.create({
      data: {
        account: row.account ?? ACCOUNT,
        exchange: 'paper',
        clientOrderId: row.clientOrderId,
        orderId: row.orderId ?? null,
        symbol: row.symbol ?? 'BTC/USD',
        side: row.side ?? 'SELL',
        orderType: 'LIMIT',
        timeInForce: 'GTC',
        status: row.status,
        price: '60000',
        size: '0.01',
        trigger: row.side === 'BUY' ? 'ALERT' : 'EXIT',
        exitReason: row.side === 'BUY' ? null : 'SOFT_STOP',
        decisionId: row.decisionId ?? null,
        source: 'WEBHOOK',
        orderTime: new Date(T0.getTime() + (row.orderTimeMs ?? 0)),
      },
    });
  }

  it('when an exit decision has orders then they are read with the domain side, and one is found by its client order id', async () => {
    const decision = await writeExitDecision(store(), {
      account: ACCOUNT,
      symbol: 'BTC/USD',
      outcome: 'ORDERED',
      reasonCode: 'SOFT_STOP',
      exitReason: 'SOFT_STOP',
      ruleInputs: { exit: { amount: '0.01' } },
      createdAt: T0,
    });
    await order({ clientOrderId: 'exit-0', status: 'CANCELED', decisionId: decision.decisionId });
    await order({ clientOrderId: 'exit-1', status: 'OPEN', decisionId: decision.decisionId });
    await order({ clientOrderId: 'other', status: 'OPEN' });

    const orders = await readExitOrders(store(), decision.decisionId);

    expect(orders.map((row) => [row.clientOrderId, row.side]).sort()).toEqual([
      ['exit-0', 'sell'],
      ['exit-1', 'sell'],
    ]);
    expect((await findOrderByClientOrderId(store(), 'exit-1'))?.status).toBe('OPEN');
    expect(await findOrderByClientOrderId(store(), 'unknown')).toBeNull();
  });

  it('when working orders are read then terminal ones, other symbols and other accounts are left out; the sells only on request; oldest first', async () => {
    await order({ clientOrderId: 'sell-late', status: 'OPEN', orderTimeMs: 2_000 });
    await order({ clientOrderId: 'buy-early', side: 'BUY', status: 'PARTIALLY_FILLED', orderTimeMs: 0 });
    await order({ clientOrderId: 'sell-new', status: 'NEW', orderTimeMs: 1_000 });
    await order({ clientOrderId: 'sell-cancel', status: 'PENDING_CANCEL', orderTimeMs: 3_000 });
    await order({ clientOrderId: 'sell-sent', status: 'SUBMITTED', orderTimeMs: 4_000 });
    await order({ clientOrderId: 'sell-filled', status: 'FILLED' });
    await order({ clientOrderId: 'sell-canceled', status: 'CANCELED' });
    await order({ clientOrderId: 'sell-eth', symbol: 'ETH/USD', status: 'OPEN' });
    await order({ clientOrderId: 'sell-other', account: 'another-account', status: 'OPEN' });
    const query = { account: ACCOUNT, symbol: 'BTC/USD' };

    const working = await readWorkingOrdersOnSymbol(store(), query);
    const sells = await readWorkingSells(store(), query);

    expect(working.map((row) => row.clientOrderId)).toEqual([
      'buy-early',
      'sell-new',
      'sell-late',
      'sell-cancel',
      'sell-sent',
    ]);
    expect(sells.map((row) => row.clientOrderId).sort()).toEqual([
      'sell-cancel',
      'sell-late',
      'sell-new',
      'sell-sent',
    ]);
    expect(sells.every((row) => row.side === 'sell')).toBe(true);
  });
});
