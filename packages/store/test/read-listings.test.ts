import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import {
  findOrderByClientOrderId,
  listAlerts,
  listDecisions,
  listFills,
  listOrders,
  storeOf,
} from '../src/index.js';

/** Ids in time order, as UUIDv7 are: a larger n is newer. */
function idOf(n: number): string {
  return `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

const at = new Date('2025-01-02T12:00:00.000Z');

describe('the read listings of decisions, alerts, orders and fills', () => {
  const perFile = usePerFileDatabase('store_read_listings');
  const store = () => storeOf(perFile.database());
  const prisma = () => perFile.database().prisma;

  async function alert(n: number, status: 'ACCEPTED' | 'PROCESSED' | 'REJECTED', account = 'default') {
    await prisma().alert.create({
      data: {
        id: idOf(n),
        account,
        idempotencyKey: `key-${n}`,
        source: 'TRADINGVIEW',
        rawBody: '{}',
        status,
        receivedAt: at,
      },
    });
  }

  async function decision(
    n: number,
    fields: {
      symbol?: string;
      side?: 'BUY' | 'SELL' | null;
      intent?: 'ENTRY' | 'EXIT';
      outcome?: 'ORDERED' | 'BLOCKED' | 'SKIPPED';
      reasonCode?: string;
      alertId?: string;
    } = {},
  ) {
    await prisma().decision.create({
      data: {
        decisionId: idOf(n),
        symbol: fields.symbol ?? 'BTC/USD',
        side: fields.side === undefined ? 'BUY' : fields.side,
        intent: fields.intent ?? 'ENTRY',
        outcome: fields.outcome ?? 'ORDERED',
        reasonCode: fields.reasonCode ?? 'OK',
        ruleInputs: { n },
        ...(fields.alertId === undefined ? {} : { alertId: fields.alertId }),
      },
    });
  }

  async function order(
    n: number,
    fields: { symbol?: string; side?: 'BUY' | 'SELL'; status?: 'OPEN' | 'FILLED' } = {},
  ) {
    await prisma().tradeRecord.create({
      data: {
        id: idOf(n),
        exchange: 'paper',
        clientOrderId: `client-${n}`,
        symbol: fields.symbol ?? 'BTC/USD',
        side: fields.side ?? 'BUY',
        orderType: 'LIMIT',
        status: fields.status ?? 'OPEN',
        price: '60000',
        size: '0.01',
        trigger: 'ALERT',
        source: 'WEBHOOK',
        orderTime: at,
      },
    });
  }

  async function fill(n: number, fields: { symbol?: string; side?: 'BUY' | 'SELL'; orderId?: string } = {}) {
    await prisma().fill.create({
      data: {
        id: idOf(n),
        exchange: 'paper',
        tradeId: `trade-${n}`,
        orderId: fields.orderId ?? `order-${n}`,
        symbol: fields.symbol ?? 'BTC/USD',
        side: fields.side ?? 'BUY',
        price: '60000',
        size: '0.01',
        feeCurrency: 'USD',
        executedAt: at,
        receivedAt: at,
        ingestVia: 'REST',
      },
    });
  }

  it('when decisions are listed then every given filter applies, newest first, with the side in the domain spelling', async () => {
    await alert(1, 'PROCESSED');
    await decision(2, { alertId: idOf(1) });
    await decision(3, {
      symbol: 'ETH/USD',
      side: 'SELL',
      intent: 'EXIT',
      outcome: 'BLOCKED',
      reasonCode: 'HALTED',
    });
    await decision(4, { outcome: 'BLOCKED', reasonCode: 'BUY_GUARD_ACTIVE' });
    await decision(5, { side: null, outcome: 'SKIPPED', reasonCode: 'NO_POSITION', intent: 'EXIT' });

    const all = await listDecisions(store(), { limit: 100 });
    const ids = async (query: Parameters<typeof listDecisions>[1]) =>
      (await listDecisions(store(), query)).map((row) => row.decisionId);

    expect(all.map((row) => [row.decisionId, row.side])).toEqual([
      [idOf(5), null],
      [idOf(4), 'buy'],
      [idOf(3), 'sell'],
      [idOf(2), 'buy'],
    ]);
    expect(await ids({ symbol: 'ETH/USD', limit: 100 })).toEqual([idOf(3)]);
    expect(await ids({ outcome: 'BLOCKED', limit: 100 })).toEqual([idOf(4), idOf(3)]);
    expect(await ids({ reasonCode: 'BUY_GUARD_ACTIVE', limit: 100 })).toEqual([idOf(4)]);
    expect(await ids({ intent: 'EXIT', symbol: 'BTC/USD', limit: 100 })).toEqual([idOf(5)]);
    expect(await ids({ alertId: idOf(1), limit: 100 })).toEqual([idOf(2)]);
    expect(await ids({ before: idOf(4), limit: 1 })).toEqual([idOf(3)]);
  });

  it('when alerts are listed then the account and status filters and the before cursor apply, newest first', async () => {
    await alert(1, 'ACCEPTED');
    await alert(2, 'PROCESSED');
    await alert(3, 'REJECTED');
    await alert(4, 'PROCESSED');
    await alert(5, 'PROCESSED', 'other');

    const ids = async (query: Parameters<typeof listAlerts>[1]) =>
      (await listAlerts(store(), query)).map((row) => row.id);

    expect(await ids({ limit: 100 })).toEqual([idOf(5), idOf(4), idOf(3), idOf(2), idOf(1)]);
    expect(await ids({ account: 'default', limit: 100 })).toEqual([idOf(4), idOf(3), idOf(2), idOf(1)]);
    expect(await ids({ account: 'other', limit: 100 })).toEqual([idOf(5)]);
    expect(await ids({ account: 'default', limit: 2 })).toEqual([idOf(4), idOf(3)]);
    expect(await ids({ account: 'default', status: 'PROCESSED', limit: 100 })).toEqual([idOf(4), idOf(2)]);
    expect(await ids({ account: 'default', before: idOf(3), limit: 100 })).toEqual([idOf(2), idOf(1)]);
  });

  it('when orders are listed then status, symbol and the cursor apply, newest first, with the domain side', async () => {
    await order(1);
    await order(2, { symbol: 'ETH/USD', side: 'SELL', status: 'FILLED' });
    await order(3, { status: 'FILLED' });

    const all = await listOrders(store(), { limit: 100 });
    const ids = async (query: Parameters<typeof listOrders>[1]) =>
      (await listOrders(store(), query)).map((row) => row.id);

    expect(all.map((row) => [row.id, row.side])).toEqual([
      [idOf(3), 'buy'],
      [idOf(2), 'sell'],
      [idOf(1), 'buy'],
    ]);
    expect(await ids({ status: 'FILLED', limit: 100 })).toEqual([idOf(3), idOf(2)]);
    expect(await ids({ symbol: 'BTC/USD', limit: 100 })).toEqual([idOf(3), idOf(1)]);
    expect(await ids({ before: idOf(3), limit: 1 })).toEqual([idOf(2)]);
  });

  it('when fills are listed then symbol, exchange order id and the cursor apply, newest first, with the domain side', async () => {
    await fill(1, { orderId: 'order-a' });
    await fill(2, { symbol: 'ETH/USD', side: 'SELL' });
    await fill(3, { orderId: 'order-a' });

    const all = await listFills(store(), { limit: 100 });
    const ids = async (query: Parameters<typeof listFills>[1]) =>
      (await listFills(store(), query)).map((row) => row.id);

    expect(all.map((row) => [row.id, row.side])).toEqual([
      [idOf(3), 'buy'],
      [idOf(2), 'sell'],
      [idOf(1), 'buy'],
    ]);
    expect(await ids({ orderId: 'order-a', limit: 100 })).toEqual([idOf(3), idOf(1)]);
    expect(await ids({ symbol: 'ETH/USD', limit: 100 })).toEqual([idOf(2)]);
    expect(await ids({ before: idOf(2), limit: 100 })).toEqual([idOf(1)]);
  });

  it('when an order is looked up by client order id then it comes back with the domain side, and an unknown id is null', async () => {
    await order(1, { side: 'SELL' });

    const found = await findOrderByClientOrderId(store(), 'client-1');
    const missing = await findOrderByClientOrderId(store(), 'client-unknown');

    expect(found).toMatchObject({ id: idOf(1), side: 'sell', clientOrderId: 'client-1' });
    expect(found?.price?.toFixed()).toBe('60000');
    expect(missing).toBeNull();
  });
});
