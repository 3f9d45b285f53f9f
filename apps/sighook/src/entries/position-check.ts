import type { PrismaClient } from '@hookline/db';
import { holdsPosition, storeOf } from '@hookline/store';

/** Order statuses that can still fill: a BUY in one of them is a position on its way. */
const WORKING_STATUSES = ['NEW', 'SUBMITTED', 'OPEN', 'PARTIALLY_FILLED', 'PENDING_CANCEL'] as const;

/** Why an entry on a symbol would be a second one. */
export type HeldReason = 'POSITION_OPEN' | 'BUY_WORKING' | 'ENTRY_PENDING';

/**
 * Whether the account already holds the symbol (an open FIFO lot: positions are the open lots, not
 * a table), has a BUY of ours still working on it, or has an earlier sighook entry on it that the
 * webhook has not decided yet (its alert is still ACCEPTED: without this, every candle until the
 * order exists would add one more entry). `entryKey` is the current entry's own key, which does not
 * count. undefined when an entry would be the first.
 */
export async function heldReason(
  prisma: PrismaClient,
  account: string,
  symbol: string,
  entryKey: string,
): Promise<HeldReason | undefined> {
  if (await holdsPosition(storeOf(prisma), { account, symbol })) return 'POSITION_OPEN';
  const working = await prisma.tradeRecord.findFirst({
    where: { account, symbol, side: 'BUY', status: { in: [...WORKING_STATUSES] } },
    select: { id: true },
  });
  if (working !== null) return 'BUY_WORKING';
  const pending = await prisma.alert.findFirst({
    where: {
      source: 'SIGHOOK',
      status: 'ACCEPTED',
      idempotencyKey: { not: entryKey },
      parsedPayload: { path: ['alert', 'symbol'], equals: symbol },
    },
    select: { id: true },
  });
  return pending === null ? undefined : 'ENTRY_PENDING';
}
