// applyExchangeOrder with its former PrismaClient signature, for the one caller that does not hold a
// Store yet (the replay's fill sync). It delegates to exchange-order.ts over the store and hands back
// the database row spelling (side BUY/SELL). Delete this file once that caller takes a Store.
import type { PrismaClient, TradeRecord } from '@hookline/db';
import type { ExchangeOrder } from '@hookline/exchange';
import { storeOf, toDbSide } from '@hookline/store';
import type { Logger } from 'pino';
import { applyExchangeOrder as applyExchangeOrderToStore } from './exchange-order.js';

/** exchange-order.ts's applyExchangeOrder over a bare Prisma client. */
export async function applyExchangeOrder(
  prisma: PrismaClient,
  order: ExchangeOrder,
  logger: Logger,
): Promise<TradeRecord | null> {
  const record = await applyExchangeOrderToStore(storeOf(prisma), order, logger);
  return record === null ? null : { ...record, side: toDbSide(record.side) };
}
