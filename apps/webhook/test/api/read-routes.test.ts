import { dec } from '@hookline/core';
import { recordFills } from '@hookline/ledger-store';
import { describe, expect, it } from 'vitest';
import { seedFill, useApiHarness } from './api-harness.js';

type Page = { items: Array<Record<string, unknown>>; next_before: string | null };

describe('the read API', () => {
  const harness = useApiHarness();

  it('when a position is open then /api/positions shows its size, average cost with fees, bid, price age and unrealized P&L', async () => {
    const { database, get, venue } = await harness();
    // 0.01 BTC at 50 000 with a 0.50 USD fee: cost 500.50, average 50 050.
    await recordFills(database.prisma, [seedFill('t-1')]);
    venue.quote('60000', '60000.01'); // now 2 s after the first quote; this quote is 0 ms old

    const answer = await get('/api/positions');

    expect(answer.statusCode).toBe(200);
    // Value at the bid: 0.01 × 60 000 = 600; P&L 600 − 500.50 = 99.50; 99.50 / 500.50 = 19.8801 %.
    expect(answer.json.items).toEqual([
      {
        account: 'default',
        symbol: 'BTC/USD',
        size: '0.01',
        cost_basis_usd: '500.5',
        average_cost: '50050',
        lots: 1,
        bid: '60000',
        price_time: venue.clock.now().toISOString(),
        price_age_ms: 0,
        price_stale: false,
        price_unavailable: null,
        market_value_usd: '600',
        unrealized_pnl_usd: '99.5',
        unrealized_pnl_pct: '19.88',
      },
    ]);
  });

  it('when the last quote is older than 15 s then the position is flagged price_stale, still at that bid', async () => {
    const { database, get, venue } = await harness();
    await recordFills(database.prisma, [seedFill('t-1')]);
    venue.clock.advance(15_000);
    const [atLimit] = ((await get('/api/positions')).json as Page).items;
    venue.clock.advance(1);

    const [position] = ((await get('/api/positions')).json as Page).items;

    expect(atLimit).toMatchObject({ price_age_ms: 15_000, price_stale: false });
    expect(position).toMatchObject({ bid: '60000', price_age_ms: 15_001, price_stale: true });
  });

  it('when a held symbol has no quote then its price fields are null and flagged, never a fallback price', async () => {
    const { database, get } = await harness();
    await recordFills(database.prisma, [seedFill('t-eth', { symbol: 'ETH/USD', price: dec('3000') })]);

    const [position] = ((await get('/api/positions')).json as Page).items;

    expect(position).toMatchObject({
      symbol: 'ETH/USD',
      bid: null,
      unrealized_pnl_usd: null,
      unrealized_pnl_pct: null,
      market_value_usd: null,
    });
    expect(position?.price_unavailable).toEqual(expect.any(String));
  });

  it('when fills are recorded then /api/fills and /api/orders list them newest first with decimals as strings', async () => {
    const { database, get } = await harness();
    await recordFills(database.prisma, [
      seedFill('t-1'),
      seedFill('t-2', {
        side: 'sell',
        size: dec('0.004'),
        price: dec('55000'),
        executedAt: new Date('2024-05-01T11:30:00Z'),
        receivedAt: new Date('2024-05-01T11:30:01Z'),
      }),
    ]);

    const fills = (await get('/api/fills')).json as Page;
    const orders = (await get('/api/orders?symbol=BTC/USD')).json as Page;
    const filled = (await get('/api/orders?status=FILLED')).json as Page;

    expect(fills.items.map((fill) => [fill.trade_id, fill.side, fill.size, fill.price])).toEqual(
      expect.arrayContaining([
        ['t-1', 'BUY', '0.01', '50000'],
        ['t-2', 'SELL', '0.004', '55000'],
      ]),
    );
    expect(orders.items).toHaveLength(2);
    expect(orders.items.every((order) => typeof order.size === 'string')).toBe(true);
    expect(filled.items.length).toBeLessThanOrEqual(2);
    expect(fills.next_before).toBeNull();
  });

  it('when there are more rows than the limit then next_before pages through them without overlap', async () => {
    const { database, get } = await harness();
    await recordFills(
      database.prisma,
      ['a', 'b', 'c'].map((id, index) =>
        seedFill(`t-${id}`, { executedAt: new Date(Date.UTC(2024, 4, 1, 10, index)) }),
      ),
    );

    const first = (await get('/api/fills?limit=2')).json as Page;
    const second = (await get(`/api/fills?limit=2&before=${first.next_before}`)).json as Page;

    expect(first.items).toHaveLength(2);
    expect(first.next_before).not.toBeNull();
    expect(second.items).toHaveLength(1);
    const ids = [...first.items, ...second.items].map((fill) => fill.trade_id).sort();
    expect(ids).toEqual(['t-a', 't-b', 't-c']);
  });

  it('when the limit is out of range then the answer is 400', async () => {
    const { get } = await harness();

    expect((await get('/api/fills?limit=1001')).statusCode).toBe(400);
    expect((await get('/api/fills?limit=0')).statusCode).toBe(400);
    expect((await get('/api/decisions?outcome=MAYBE')).statusCode).toBe(400);
  });

  it('when decisions and alerts are stored then filters by symbol, outcome, reason and status find them', async () => {
    const { database, get } = await harness();
    const prisma = database.prisma;
    const alert = await prisma.alert.create({
      data: {
        account: 'default',
        idempotencyKey: 'k-1',
        source: 'TRADINGVIEW',
        rawBody: '{}',
        parsedPayload: { alert: { symbol: 'BTC/USD' } },
        status: 'PROCESSED',
        reason: 'BUY_GUARD_ACTIVE',
        receivedAt: new Date('2024-05-01T12:00:00Z'),
      },
    });
    await prisma.alert.create({
      data: {
        account: 'default',
        idempotencyKey: 'k-2',
        source: 'TRADINGVIEW',
        rawBody: 'x',
        status: 'REJECTED',
        reason: 'INVALID_JSON',
        receivedAt: new Date(),
      },
    });
    const base = {
      account: 'default',
      side: 'BUY' as const,
      intent: 'ENTRY' as const,
      ruleInputs: { risk: {} },
    };
    await prisma.decision.create({
      data: {
        ...base,
        symbol: 'BTC/USD',
        outcome: 'BLOCKED',
        reasonCode: 'BUY_GUARD_ACTIVE',
        alertId: alert.id,
      },
    });
    await prisma.decision.create({
      data: { ...base, symbol: 'BTC/USD', outcome: 'ORDERED', reasonCode: 'ORDERED' },
    });
    await prisma.decision.create({
      data: { ...base, symbol: 'ETH/USD', outcome: 'BLOCKED', reasonCode: 'STALE_MARKET_DATA' },
    });

    const whyNot = (await get('/api/decisions?symbol=BTC/USD&outcome=BLOCKED')).json as Page;
    const byReason = (await get('/api/decisions?reason=STALE_MARKET_DATA')).json as Page;
    const rejected = (await get('/api/alerts?status=REJECTED')).json as Page;

    expect(whyNot.items).toEqual([
      expect.objectContaining({
        symbol: 'BTC/USD',
        reason_code: 'BUY_GUARD_ACTIVE',
        alert_id: alert.id,
        rule_inputs: { risk: {} },
      }),
    ]);
    expect(byReason.items.map((row) => row.symbol)).toEqual(['ETH/USD']);
    expect(rejected.items).toEqual([expect.objectContaining({ status: 'REJECTED', reason: 'INVALID_JSON' })]);
    expect(rejected.items[0]).not.toHaveProperty('raw_body');
  });

  it('when /api/risk is read then it names the trading state, each buy-guard source and the limits', async () => {
    const { get } = await harness({ envBuyGuard: true });

    const risk = (await get('/api/risk')).json;

    expect(risk).toMatchObject({
      trading_state: 'ACTIVE',
      buy_guard: { active: true, env: true, file: false, api: false },
      exchange_health: 'HEALTHY',
      limits: {
        max_quote_age_ms: 15_000,
        max_open_positions: 8,
        daily_loss_limit_pct: '3',
        daily_loss_limit_amount: null,
        max_position_pct: '10',
        max_spread_bps: '50',
        max_immediate_loss_pct: '1',
        max_alert_age_ms: 60_000,
        max_price_deviation_pct: '2',
        min_momentum_24h_pct: null,
        max_momentum_24h_pct: null,
      },
    });
  });

  it('when the HOOKLINE_RISK_* keys are set then /api/risk shows the limits in force', async () => {
    const { get } = await harness({
      env: {
        HOOKLINE_RISK_ORDER_RATE_PER_MINUTE: '4',
        HOOKLINE_RISK_DAILY_LOSS_PCT: '1.5',
        HOOKLINE_RISK_DAILY_LOSS_AMOUNT: '250',
        HOOKLINE_RISK_MAX_POSITION_PCT: '20',
        HOOKLINE_RISK_LOSS_STREAK_COUNT: '3',
        HOOKLINE_RISK_LOSS_STREAK_COOLDOWN_MS: '600000',
        HOOKLINE_RISK_SYMBOL_COOLDOWN_MS: '0',
        HOOKLINE_RISK_MAX_QUOTE_AGE_MS: '5000',
        HOOKLINE_RISK_MAX_SPREAD_BPS: '25',
        HOOKLINE_RISK_MAX_IMMEDIATE_LOSS_PCT: '0.8',
        HOOKLINE_RISK_MAX_ALERT_AGE_MS: '30000',
        HOOKLINE_RISK_MAX_PRICE_DEVIATION_PCT: '0',
        HOOKLINE_RISK_MIN_MOMENTUM_24H_PCT: '-5',
        HOOKLINE_RISK_MAX_MOMENTUM_24H_PCT: '15.5',
      },
    });

    expect((await get('/api/risk')).json.limits).toEqual({
      max_quote_age_ms: 5_000,
      daily_loss_limit_pct: '1.5',
      daily_loss_limit_amount: '250',
      max_open_positions: 8,
      max_position_pct: '20',
      loss_streak_length: 3,
      loss_streak_cooldown_ms: 600_000,
      symbol_cooldown_ms: 0,
      max_orders_per_window: 4,
      order_rate_window_ms: 60_000,
      max_spread_bps: '25',
      max_immediate_loss_pct: '0.8',
      max_alert_age_ms: 30_000,
      max_price_deviation_pct: '0',
      min_momentum_24h_pct: '-5',
      max_momentum_24h_pct: '15.5',
    });
  });

  it('when the OpenAPI document is read then the /api/risk limits name every entry guard and the momentum filter', async () => {
    const { get } = await harness();

    const document = (await get('/openapi.json')).json as {
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }
      >;
    };
    const schema = document.paths['/api/risk']?.get.responses['200']?.content['application/json']?.schema as {
      properties: { limits: { properties: Record<string, unknown>; required: string[] } };
    };

    expect(schema.properties.limits.required).toEqual(
      expect.arrayContaining([
        'max_spread_bps',
        'max_immediate_loss_pct',
        'max_alert_age_ms',
        'max_price_deviation_pct',
        'min_momentum_24h_pct',
        'max_momentum_24h_pct',
      ]),
    );
    expect(schema.properties.limits.properties.min_momentum_24h_pct).toMatchObject({
      description: expect.stringContaining('HOOKLINE_RISK_MIN_MOMENTUM_24H_PCT'),
    });
  });

  it('when the exchange is paper then /api/circuit says HEALTHY with a note', async () => {
    const { get } = await harness();

    const circuit = (await get('/api/circuit')).json;

    expect(circuit).toMatchObject({ exchange: 'paper', health: 'HEALTHY', state: null });
    expect(circuit.note).toMatch(/paper/);
  });
});
