// Rows the orders tests start from, written with Prisma directly (only src/ is held to the store).
import { type Decimal, dec } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import type { ExchangeOrder } from '@hookline/exchange';
import type { NewFill } from '@hookline/ledger-store';

export const T0 = new Date('2024-05-01T12:00:00.000Z');

/** `minutes` after T0. */
export function at(minutes: number): Date {
  return new Date(T0.getTime() + minutes * 60_000);
}

/** A stored decision (an intent's row refers to it). */
export async function decision(prisma: PrismaClient, decisionId: string): Promise<string> {
  await prisma.decision.create({
    data: {
      decisionId,
      symbol: 'BTC/USD',
      side: 'BUY',
      intent: 'ENTRY',
      outcome: 'ORDERED',
      reasonCode: 'ORDERED',
      ruleInputs: {},
    },
  });
  return decisionId;
}

/** One of our orders in `status`. */
export async function order(
  prisma: PrismaClient,
  clientOrderId: string,
  fields: Partial<{
    account: string;
    exchange: string;
    status: 'NEW' | 'SUBMITTED' | 'OPEN' | 'PARTIALLY_FILLED' | 'PENDING_CANCEL' | 'FILLED' | 'CANCELED';
    side: 'BUY' | 'SELL';
    orderId: string | null;
    orderTime: Date;
    trigger: 'ALERT' | 'SIGNAL' | 'EXIT' | 'RECONCILED';
    pnlUsd: string | null;
  }> = {},
): Promise<string> {
  const row = await prisma.tradeRecord.create({
    data: {
      account: fields.account ?? 'default',
      exchange: fields.exchange ?? 'paper',
      clientOrderId,
      orderId: fields.orderId ?? null,
      symbol: 'BTC/USD',
      side: fields.side ?? 'BUY',
      orderType: 'LIMIT',
      timeInForce: 'GTC',
      status: fields.status ?? 'SUBMITTED',
      price: '60000',
      size: '0.01',
      trigger: fields.trigger ?? 'ALERT',
      source: fields.trigger === 'RECONCILED' ? 'RECONCILED' : 'WEBHOOK',
      orderTime: fields.orderTime ?? T0,
      pnlUsd: fields.pnlUsd ?? null,
    },
  });
  return row.id;
}

/** An exchange fill for the ledger. */
export function fill(tradeId: string, fields: Partial<NewFill> = {}): NewFill {
  return {
    account: 'default',
    exchange: 'paper',
    tradeId,
    orderId: `order-${tradeId}`,
    symbol: 'BTC/USD',
    side: 'buy',
    price: dec('60000'),
    size: dec('0.01'),
    fee: dec('0'),
    feeCurrency: 'USD',
    executedAt: T0,
    receivedAt: new Date(T0.getTime() + 250),
    ingestVia: 'REST',
    ...fields,
  };
}

/** An order as the exchange reports it. */
export function exchangeOrder(id: string, fields: Partial<ExchangeOrder> = {}): ExchangeOrder {
  const amount: Decimal = dec('0.02');
  return {
    id,
    clientOrderId: `exchange-ui-${id}`,
    symbol: 'BTC/USD',
    side: 'sell',
    type: 'LIMIT',
    timeInForce: 'GTC',
    postOnly: true,
    price: dec('65000'),
    amount,
    filledAmount: dec('0'),
    remainingAmount: amount,
    averageFillPrice: undefined,
    fee: dec('0'),
    feeCurrency: 'USD',
    status: 'OPEN',
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  };
}
