import { dec, sum } from '@hookline/core';
import { recordFills } from '@hookline/ledger-store';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../../test/support/plain-decimal.js';
import { type ApiUnderTest, seedFill, useApiHarness } from './api-harness.js';

type Page = { items: Array<Record<string, unknown>>; next_before: string | null };

// An EMERGENCY flatten of 0.01 BTC bought at 50 000 (0.50 USD fee): the IOC at the bid sells it at once.
async function soldExit(h: ApiUnderTest): Promise<Record<string, unknown>> {
  await recordFills(h.database.prisma, [seedFill('t-1')]);
  const flatten = await h.admin('/api/admin/flatten', {});
  expect(flatten.statusCode).toBe(200);
  await h.system.pipeline.fills.idle();
  await h.system.sentinel.exits.advance(); // sees nothing left: the exit is over
  const [exit] = ((await h.get('/api/exits')).json as Page).items;
  return exit ?? {};
}

describe('GET /api/exits', () => {
  const harness = useApiHarness();

  it('when an exit sold a position then it lists its trigger, reason, outcome, fills, fees and the FIFO P&L', async () => {
    const h = await harness({ venueBalances: { USD: dec('100000'), BTC: dec('0.01') } });

    const exit = await soldExit(h);

    const fills = await h.database.prisma.fill.findMany({ where: { side: 'SELL' } });
    const allocations = await h.database.prisma.fifoAllocation.findMany();
    expect(fills.length).toBeGreaterThan(0);
    expect(exit).toMatchObject({
      symbol: 'BTC/USD',
      trigger: 'OPERATOR',
      exit_reason: 'EMERGENCY',
      outcome: 'SOLD',
      target_amount: '0.01',
      reference_price: '60000',
      orders: 1,
      filled_amount: '0.01',
      average_price: '60000',
      fees_usd: plain(sum(fills.map((fill) => dec(String(fill.feeUsd))))),
      realized_pnl_usd: plain(sum(allocations.map((allocation) => dec(allocation.pnlUsd.toString())))),
    });
    // 600 proceeds − the sell fee − 500.50 cost: the ledger's arithmetic, not the route's.
    const sellFee = sum(fills.map((fill) => dec(String(fill.feeUsd))));
    expect(exit.realized_pnl_usd).toBe(plain(dec('600').minus(sellFee).minus('500.5')));
    expect(exit.finished_at).toEqual(expect.any(String));
  });

  it('when filtered by symbol, reason or outcome then only matching exits are listed, and a bad filter is a 400 naming it', async () => {
    const h = await harness({ venueBalances: { USD: dec('100000'), BTC: dec('0.01') } });
    await soldExit(h);

    const count = async (query: string) => ((await h.get(`/api/exits?${query}`)).json as Page).items.length;

    expect(await count('symbol=BTC%2FUSD')).toBe(1);
    expect(await count('symbol=ETH%2FUSD')).toBe(0);
    expect(await count('reason=EMERGENCY')).toBe(1);
    expect(await count('reason=HARD_STOP')).toBe(0);
    expect(await count('outcome=SOLD')).toBe(1);
    expect(await count('outcome=WORKING')).toBe(0);
    const bad = await h.get('/api/exits?reason=PANIC');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('reason');
  });

  it('when there are more exits than the limit then they are paged newest first by next_before', async () => {
    const h = await harness({ venueBalances: { USD: dec('100000'), BTC: dec('0.02') } });
    await recordFills(h.database.prisma, [seedFill('t-1')]);
    await h.admin('/api/admin/flatten', {});
    await h.system.pipeline.fills.idle();
    await h.system.sentinel.exits.advance();
    h.venue.clock.advance(1_000);
    await recordFills(h.database.prisma, [
      seedFill('t-2', { executedAt: new Date('2024-05-01T11:30:00.000Z') }),
    ]);
    await h.admin('/api/admin/flatten', {});
    await h.system.pipeline.fills.idle();

    const first = (await h.get('/api/exits?limit=1')).json as Page;
    const second = (await h.get(`/api/exits?limit=1&before=${first.next_before}`)).json as Page;

    const ids = (await h.database.prisma.exit.findMany({ orderBy: { startedAt: 'desc' } })).map(
      (row) => row.id,
    );
    expect(ids).toHaveLength(2);
    expect(first.items.map((item) => item.id)).toEqual([ids[0]]);
    expect(first.next_before).toBe(ids[0]);
    expect(second.items.map((item) => item.id)).toEqual([ids[1]]);
  });
});

describe('GET /api/exits/:id', () => {
  const harness = useApiHarness();

  it('when asked for one exit then it answers with its orders and fills', async () => {
    const h = await harness({ venueBalances: { USD: dec('100000'), BTC: dec('0.01') } });
    const listed = await soldExit(h);

    const answer = await h.get(`/api/exits/${String(listed.id)}`);

    expect(answer.statusCode).toBe(200);
    const detail = answer.json as Record<string, unknown> & {
      order_rows: Array<Record<string, unknown>>;
      fills: Array<Record<string, unknown>>;
    };
    expect(detail).toMatchObject({ ...listed });
    expect(detail.order_rows).toEqual([
      expect.objectContaining({
        side: 'SELL',
        exit_reason: 'EMERGENCY',
        decision_id: listed.id,
        status: 'FILLED',
        filled_size: '0.01',
      }),
    ]);
    expect(detail.fills.map((fill) => [fill.side, fill.size, fill.price])).toEqual([
      ['SELL', '0.01', '60000'],
    ]);
  });

  it('when the id is no exit then it is a 404 saying so', async () => {
    const h = await harness();

    const answer = await h.get('/api/exits/not-an-exit');

    expect(answer.statusCode).toBe(404);
    expect(answer.json).toEqual({ error: 'no exit with id not-an-exit' });
  });
});
