import { SequentialIdGenerator, TestClock } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import { storeOf } from '@hookline/store';
import { vi } from 'vitest';
import { AlertJobQueue } from '../../src/entries/alert-job-queue.js';
import { SighookEntries } from '../../src/entries/sighook-entries.js';
import type { SighookInfrastructure } from '../service/sighook-database.js';

/** The BullMQ queue name the webhook's worker reads `alert.process` from (apps/webhook job-queues). */
export const WEBHOOK_ALERT_QUEUE = 'alert-process';

/** Entries on real Postgres and a real queue under the test's prefix, on a clock at 12:03:10. */
export function entriesFor(
  infrastructure: SighookInfrastructure,
  clock = new TestClock(Date.UTC(2025, 0, 2, 12, 3, 10)),
) {
  const queue = new AlertJobQueue(infrastructure.redis(), 'default', infrastructure.prefix());
  infrastructure.onCleanup(() => queue.close());
  const logger = { info: vi.fn(), warn: vi.fn() };
  const entries = new SighookEntries({
    store: storeOf(infrastructure.database()),
    queue,
    clock,
    ids: new SequentialIdGenerator(`${infrastructure.prefix()}-alert`),
    account: 'default',
    timeframeMs: 60_000,
    maxAgeMs: 15 * 60_000,
    logger,
  });
  return { entries, queue, clock, logger };
}

/** An open position: one BUY fill of BTC/USD, so open_lots has a lot. */
export async function openPosition(prisma: PrismaClient, symbol = 'BTC/USD'): Promise<void> {
  const at = new Date(Date.UTC(2025, 0, 2, 11));
  await prisma.fill.create({
    data: {
      exchange: 'paper',
      tradeId: `trade-${symbol}`,
      symbol,
      side: 'BUY',
      price: '60000',
      size: '0.01',
      feeCurrency: 'USD',
      feeUsd: '0.36',
      executedAt: at,
      receivedAt: at,
      ingestVia: 'REST',
    },
  });
}

/** A BUY order of ours on BTC/USD in the given status. */
export async function buyOrder(prisma: PrismaClient, status: 'OPEN' | 'NEW' | 'CANCELED' | 'FILLED') {
  await prisma.tradeRecord.create({
    data: {
      exchange: 'paper',
      clientOrderId: `order-${status}`,
      symbol: 'BTC/USD',
      side: 'BUY',
      orderType: 'LIMIT',
      status,
      price: '60000',
      size: '0.01',
      trigger: 'ALERT',
      source: 'WEBHOOK',
      orderTime: new Date(Date.UTC(2025, 0, 2, 11)),
    },
  });
}
