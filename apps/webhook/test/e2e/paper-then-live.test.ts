import { dec } from '@hookline/core';
import { readOpenPositions, storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import {
  buyAlertBody,
  PaperVenue,
  READ_TOKEN,
  useTradingHarness,
  withOverrides,
} from '../support/trading-harness.js';

/** Each mode's own account: HOOKLINE_ACCOUNT unset (an empty value counts as unset). */
const paperEnv = { HOOKLINE_ACCOUNT: '' };
const liveEnv = {
  HOOKLINE_ACCOUNT: '',
  MODE: 'live',
  EXCHANGE_API_KEY: 'key',
  EXCHANGE_API_SECRET: 'secret',
};

describe('paper history, then a live start: the live account starts clean', () => {
  const harness = useTradingHarness();

  it('when a paper position is open and a live system starts then it sees no position, no zombie and no unknown holding', async () => {
    const { post, database, restart } = await harness({ env: paperEnv });
    const prisma = database.prisma;
    expect((await post(buyAlertBody('paper-1'))).statusCode).toBe(202);
    const fill = await eventually(async () => (await prisma.fill.findFirst()) ?? undefined);
    expect(fill.account).toBe('paper');
    expect((await prisma.tradeRecord.findFirstOrThrow()).account).toBe('paper');

    // The real venue (a second paper venue stands in for it) holds only the user's cash.
    const venue = new PaperVenue({ USD: dec('5000') });
    const live = await restart({
      env: liveEnv,
      wrapExchange: () => withOverrides(venue.exchange, { name: 'coinbase' }),
    });

    const report = await live.reconciler.runOnce();
    expect(report).toMatchObject({ account: 'live', outcome: 'COMPLETED', zombies: [], unknownHoldings: [] });
    expect((await live.controls.snapshot()).reducingSymbols).toEqual({});
    const markets = await venue.exchange.fetchMarkets();
    expect(await readOpenPositions(storeOf(prisma), { account: 'live', markets })).toEqual([]);
    const positions = await live.app.inject({
      method: 'GET',
      url: '/api/positions',
      headers: { authorization: `Bearer ${READ_TOKEN}` },
    });
    expect(positions.json().items).toEqual([]);
    const orders = await live.app.inject({
      method: 'GET',
      url: '/api/orders',
      headers: { authorization: `Bearer ${READ_TOKEN}` },
    });
    expect(orders.json().items).toEqual([]);
    // The paper history is still there, under its own account.
    const paperOrders = await live.app.inject({
      method: 'GET',
      url: '/api/orders?account=paper',
      headers: { authorization: `Bearer ${READ_TOKEN}` },
    });
    expect(paperOrders.json().items.map((order: { account: string }) => order.account)).toEqual(['paper']);
  });
});
