// Every fill belongs to a trade_records row. Orders we placed already have one (the executor writes
// the intent before sending); for imported history and orders found by the reconciler the store
// creates it here, keyed by (account, exchange, order_id) so the same order is never created twice.
import type { Prisma } from '@hookline/db';
import type { NewFill, UnknownOrderOrigin } from './new-fill.js';

/** The order id a fill is grouped under: the exchange's, or one synthesized from the trade id. */
export function orderKeyOf(fill: NewFill): string {
  return fill.orderId ?? `trade:${fill.tradeId}`;
}

function rowKey(account: string, exchange: string, orderId: string): string {
  return `${account}\u0000${exchange}\u0000${orderId}`;
}

/**
 * Finds or creates the trade_records row of every fill's order. Returns the row id per fill (same
 * index) and the ids of rows created now (their size and status come from their fills).
 */
export async function ensureOrderRows(
  tx: Prisma.TransactionClient,
  fills: readonly NewFill[],
  origin: UnknownOrderOrigin,
): Promise<{ rowIds: string[]; created: Set<string> }> {
  const wanted = new Map<string, NewFill>();
  for (const fill of fills) wanted.set(rowKey(fill.account, fill.exchange, orderKeyOf(fill)), fill);
  const where = [...wanted.values()].map((fill) => ({
    account: fill.account,
    exchange: fill.exchange,
    orderId: orderKeyOf(fill),
  }));
  const found = new Map<string, string>();
  const lookup = async () => {
    for (let start = 0; start < where.length; start += 1_000) {
      const rows = await tx.tradeRecord.findMany({
        where: { OR: where.slice(start, start + 1_000) },
        select: { id: true, account: true, exchange: true, orderId: true },
      });
      for (const row of rows) found.set(rowKey(row.account, row.exchange, row.orderId ?? ''), row.id);
    }
  };
  await lookup();
  const missing = [...wanted.entries()].filter(([key]) => !found.has(key)).map(([, fill]) => fill);
  const created = new Set<string>();
  for (let start = 0; start < missing.length; start += 2_000) {
    const rows = await tx.tradeRecord.createManyAndReturn({
      data: missing.slice(start, start + 2_000).map((fill) => newOrderRow(fill, origin)),
      select: { id: true, account: true, exchange: true, orderId: true },
    });
    for (const row of rows) {
      found.set(rowKey(row.account, row.exchange, row.orderId ?? ''), row.id);
      created.add(row.id);
    }
  }
  const rowIds = fills.map((fill) => found.get(rowKey(fill.account, fill.exchange, orderKeyOf(fill))) ?? '');
  return { rowIds, created };
}

function newOrderRow(fill: NewFill, origin: UnknownOrderOrigin): Prisma.TradeRecordCreateManyInput {
  const orderId = orderKeyOf(fill);
  return {
    account: fill.account,
    exchange: fill.exchange,
    orderId,
    clientOrderId: `${origin.toLowerCase()}:${fill.account}:${fill.exchange}:${orderId}`,
    symbol: fill.symbol,
    side: fill.side === 'buy' ? 'BUY' : 'SELL',
    // The source does not say how the order was priced.
    orderType: 'UNKNOWN',
    status: 'FILLED',
    size: '0',
    trigger: origin,
    source: origin,
    orderTime: fill.executedAt,
    ingestVia: fill.ingestVia,
  };
}
