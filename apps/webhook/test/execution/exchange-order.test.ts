import { dec, type OrderStatus } from '@hookline/core';
import type { ExchangeOrder } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import { applyExchangeOrder } from '../../src/execution/exchange-order.js';

const T0 = new Date('2024-05-01T12:00:00.000Z');

describe('an order row brought up to the exchange report (entries and exits alike)', () => {
  const perFile = usePerFileDatabase('exchange_order');
  const store = () => storeOf(perFile.database());
  const warnings: string[] = [];
  const logger = createLogger({ level: 'silent', service: 'test' });
  logger.warn = ((_fields: unknown, message: string) => {
    warnings.push(message);
  }) as typeof logger.warn;

  async function order(clientOrderId: string, status: OrderStatus, orderId: string | null = null) {
    await perFile.database().prisma.tradeRecord.create({
      data: {
        exchange: 'paper',
        clientOrderId,
        orderId,
        symbol: 'BTC/USD',
        side: 'SELL',
        orderType: 'LIMIT',
        timeInForce: 'GTC',
        status,
        price: '60000',
        size: '0.01',
        trigger: 'EXIT',
        exitReason: 'SOFT_STOP',
        source: 'WEBHOOK',
        orderTime: T0,
      },
    });
  }

  function reported(clientOrderId: string, status: OrderStatus): ExchangeOrder {
    return {
      id: `x-${clientOrderId}`,
      clientOrderId,
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'LIMIT',
      timeInForce: 'GTC',
      postOnly: false,
      price: dec('60000'),
      amount: dec('0.01'),
      filledAmount: dec('0'),
      remainingAmount: dec('0.01'),
      averageFillPrice: undefined,
      fee: dec('0'),
      feeCurrency: 'USD',
      status,
      createdAt: T0,
      updatedAt: T0,
    };
  }

  it('when a submitted order is reported partly filled then the row reaches PARTIALLY_FILLED with the exchange id', async () => {
    await order('exit-0', 'SUBMITTED');

    const row = await applyExchangeOrder(store(), reported('exit-0', 'PARTIALLY_FILLED'), logger);

    expect(row).toMatchObject({ status: 'PARTIALLY_FILLED', orderId: 'x-exit-0', side: 'sell' });
    const stored = await perFile.database().prisma.tradeRecord.findUniqueOrThrow({
      where: { clientOrderId: 'exit-0' },
    });
    expect([stored.status, stored.orderId]).toEqual(['PARTIALLY_FILLED', 'x-exit-0']);
  });

  it('when the row already has an exchange id then it is not replaced', async () => {
    await order('exit-0', 'OPEN', 'first-id');

    const row = await applyExchangeOrder(store(), reported('exit-0', 'FILLED'), logger);

    expect(row).toMatchObject({ status: 'FILLED', orderId: 'first-id' });
  });

  it('when the reported status cannot be reached then nothing changes and the refusal is logged', async () => {
    await order('exit-0', 'REJECTED', 'x-exit-0');
    warnings.length = 0;

    const row = await applyExchangeOrder(store(), reported('exit-0', 'OPEN'), logger);

    expect(row?.status).toBe('REJECTED');
    expect(warnings).toEqual([expect.stringContaining('ORDER_TRANSITION_REFUSED')]);
  });

  it('when the order is not ours then nothing is written and no row is returned', async () => {
    const row = await applyExchangeOrder(store(), reported('not-ours', 'OPEN'), logger);

    expect(row).toBeNull();
    expect(await perFile.database().prisma.tradeRecord.count()).toBe(0);
  });
});
