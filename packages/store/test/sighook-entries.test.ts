import { type MatrixRow, sighookEntryAlert } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import { hasPendingSighookEntry, hasWorkingBuy, insertSighookEntryAlert, storeOf } from '../src/index.js';

const nullIndicators = {
  rsi: null,
  macd: null,
  macd_signal: null,
  macd_histogram: null,
  bb_upper: null,
  bb_middle: null,
  bb_lower: null,
  atr: null,
  roc: null,
  ema_fast: null,
  ema_slow: null,
  volume_ratio: null,
};

function buyRow(symbol: string, candleTime = '2025-01-02T12:00:00.000Z'): MatrixRow {
  return {
    symbol,
    timeframe: '1m',
    candle_time: candleTime,
    computed_at: '2025-01-02T12:01:00.500Z',
    indicators: nullIndicators,
    buy_score: '3.5',
    sell_score: '0',
    action: 'BUY',
    atr: null,
  };
}

const receivedAt = new Date('2025-01-02T12:01:01.000Z');

describe('sighook entry alerts and the working-BUY probe', () => {
  const perFile = usePerFileDatabase('store_sighook_entries');
  const store = () => storeOf(perFile.database());
  const prisma = () => perFile.database().prisma;

  it('when an entry is inserted then it is an ACCEPTED SIGHOOK alert with the normalised payload', async () => {
    const entry = sighookEntryAlert('default', buyRow('BTC/USD'), '60000.5');

    const stored = await insertSighookEntryAlert(store(), 'default', entry, {
      id: '0190a000-0000-7000-8000-000000000001',
      receivedAt,
    });

    expect(stored).toEqual({ inserted: true, alertId: '0190a000-0000-7000-8000-000000000001' });
    const row = await prisma().alert.findUniqueOrThrow({ where: { id: stored.alertId } });
    expect(row).toMatchObject({
      idempotencyKey: entry.idempotencyKey,
      source: 'SIGHOOK',
      status: 'ACCEPTED',
      rawBody: entry.rawBody,
      parsedPayload: entry.payload,
      remoteAddress: null,
      reason: null,
      receivedAt,
    });
  });

  it('when the same entry is inserted again then nothing is written and the first row is named with its status', async () => {
    const entry = sighookEntryAlert('default', buyRow('BTC/USD'), null);
    await insertSighookEntryAlert(store(), 'default', entry, {
      id: '0190a000-0000-7000-8000-000000000001',
      receivedAt,
    });
    await prisma().alert.update({
      where: { id: '0190a000-0000-7000-8000-000000000001' },
      data: { status: 'PROCESSED' },
    });

    const again = await insertSighookEntryAlert(store(), 'default', entry, {
      id: '0190a000-0000-7000-8000-000000000002',
      receivedAt,
    });

    expect(again).toEqual({
      inserted: false,
      alertId: '0190a000-0000-7000-8000-000000000001',
      status: 'PROCESSED',
    });
    expect(await prisma().alert.count()).toBe(1);
  });

  it('when two accounts write the entry of the same candle then each has its row and its own decision id', async () => {
    const lab = sighookEntryAlert('lab', buyRow('BTC/USD'), null);
    const main = sighookEntryAlert('main', buyRow('BTC/USD'), null);

    const stored = [
      await insertSighookEntryAlert(store(), 'lab', lab, {
        id: '0190a000-0000-7000-8000-000000000001',
        receivedAt,
      }),
      await insertSighookEntryAlert(store(), 'main', main, {
        id: '0190a000-0000-7000-8000-000000000002',
        receivedAt,
      }),
    ];

    expect(stored.map((entry) => entry.inserted)).toEqual([true, true]);
    expect(lab.idempotencyKey).toBe(main.idempotencyKey);
    expect(lab.decisionId).not.toBe(main.decisionId);
    const rows = await prisma().alert.findMany({ orderBy: { id: 'asc' }, select: { account: true } });
    expect(rows).toEqual([{ account: 'lab' }, { account: 'main' }]);
  });

  it('when an earlier entry on the symbol is still ACCEPTED then it is pending, but not for its own key, another symbol, another account, or once processed', async () => {
    const earlier = sighookEntryAlert('default', buyRow('BTC/USD'), null);
    const current = sighookEntryAlert('default', buyRow('BTC/USD', '2025-01-02T12:01:00.000Z'), null);
    await insertSighookEntryAlert(store(), 'default', earlier, {
      id: '0190a000-0000-7000-8000-000000000001',
      receivedAt,
    });

    const pending = await hasPendingSighookEntry(store(), {
      account: 'default',
      symbol: 'BTC/USD',
      exceptKey: current.idempotencyKey,
    });
    const ownKey = await hasPendingSighookEntry(store(), {
      account: 'default',
      symbol: 'BTC/USD',
      exceptKey: earlier.idempotencyKey,
    });
    const otherSymbol = await hasPendingSighookEntry(store(), {
      account: 'default',
      symbol: 'ETH/USD',
      exceptKey: current.idempotencyKey,
    });
    const otherAccount = await hasPendingSighookEntry(store(), {
      account: 'other',
      symbol: 'BTC/USD',
      exceptKey: current.idempotencyKey,
    });
    await prisma().alert.update({
      where: { id: '0190a000-0000-7000-8000-000000000001' },
      data: { status: 'PROCESSED' },
    });
    const processed = await hasPendingSighookEntry(store(), {
      account: 'default',
      symbol: 'BTC/USD',
      exceptKey: current.idempotencyKey,
    });

    expect({ pending, ownKey, otherSymbol, otherAccount, processed }).toEqual({
      pending: true,
      ownKey: false,
      otherSymbol: false,
      otherAccount: false,
      processed: false,
    });
  });

  it('when the account has a BUY that can still fill then it is working; a finished BUY, a SELL or another account is not', async () => {
    const order = async (
      clientOrderId: string,
      fields: {
        status: 'OPEN' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED';
        side?: 'BUY' | 'SELL';
        account?: string;
      },
    ) =>
      await prisma().tradeRecord.create({
        data: {
          exchange: 'paper',
          clientOrderId,
          symbol: 'BTC/USD',
          side: fields.side ?? 'BUY',
          orderType: 'LIMIT',
          status: fields.status,
          price: '60000',
          size: '0.01',
          trigger: 'ALERT',
          source: 'WEBHOOK',
          orderTime: receivedAt,
          ...(fields.account === undefined ? {} : { account: fields.account }),
        },
      });
    await order('filled', { status: 'FILLED' });
    await order('canceled', { status: 'CANCELED' });
    await order('sell', { status: 'OPEN', side: 'SELL' });
    await order('other-account', { status: 'OPEN', account: 'other' });
    const before = await hasWorkingBuy(store(), { account: 'default', symbol: 'BTC/USD' });

    await order('partial', { status: 'PARTIALLY_FILLED' });
    const after = await hasWorkingBuy(store(), { account: 'default', symbol: 'BTC/USD' });
    const otherSymbol = await hasWorkingBuy(store(), { account: 'default', symbol: 'ETH/USD' });

    expect({ before, after, otherSymbol }).toEqual({ before: false, after: true, otherSymbol: false });
  });
});
