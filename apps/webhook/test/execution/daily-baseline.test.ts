import { randomBytes } from 'node:crypto';
import { dec, TestClock } from '@hookline/core';
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import type { Balances, ExchangePort, Ticker } from '@hookline/exchange';
import { storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { RedisDailyBaselineStore } from '../../src/execution/daily-baseline-store.js';
import { buildRiskState, openRiskControls } from '../../src/execution/risk-snapshot.js';
import { defaultRiskLimits, evaluateEntry } from '../../src/rules/index.js';

const ACCOUNT = 'default';
const BTC = 'BTC/USD';
const ETH = 'ETH/USD';

// One held lot: 1 BTC bought at 50,000 USD (no fee), cash 10,000 USD. The limit is 3%.
describe('the daily loss limit baseline', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let redis: Redis;
  let store: RedisDailyBaselineStore;
  let clock: TestClock;
  let tickerOf: (symbol: string) => Promise<Ticker>;

  const exchange = { fetchTicker: (symbol: string) => tickerOf(symbol) } as unknown as ExchangePort;
  const balances: Balances = { USD: { currency: 'USD', total: dec('10000'), available: dec('10000') } };
  const quote = (symbol: string, bid: string): Ticker => ({
    symbol,
    bid: dec(bid),
    ask: dec(bid).plus(1),
    bidSize: dec('1'),
    askSize: dec('1'),
    exchangeTime: clock.now(),
    receivedAt: clock.now(),
  });
  const snapshot = (bid: string) =>
    buildRiskState({
      store: storeOf(database.prisma),
      exchange,
      clock,
      account: ACCOUNT,
      markets: [],
      balances,
      ticker: quote(BTC, bid),
      limits: defaultRiskLimits,
      controls: openRiskControls,
      baselines: store,
    });
  const decide = async (bid: string) =>
    evaluateEntry({ symbol: BTC, amount: dec('0.001'), price: dec(bid) }, await snapshot(bid));
  const buy = async (symbol: string, tradeId: string, price: string) => {
    await database.prisma.fill.create({
      data: {
        account: ACCOUNT,
        exchange: 'paper',
        tradeId,
        symbol,
        side: 'BUY',
        price: dec(price).toString(),
        size: '1',
        fee: '0',
        feeCurrency: 'USD',
        feeUsd: '0',
        executedAt: new Date('2024-04-30T10:00:00Z'),
        receivedAt: new Date('2024-04-30T10:00:00Z'),
        ingestVia: 'REST',
      },
    });
  };

  beforeAll(async () => {
    testDatabase = await createTestDatabase('baseline');
    const location = { databaseUrl: testDatabase.url, dataDir: '/nonexistent-not-used' };
    await migrateDatabase(location);
    database = await openDatabase(location);
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  });
  beforeEach(async () => {
    await database.prisma.fifoAllocation.deleteMany();
    await database.prisma.fill.deleteMany();
    store = new RedisDailyBaselineStore(redis, `test-${randomBytes(6).toString('hex')}`);
    clock = new TestClock(Date.parse('2024-05-01T12:00:00.000Z'));
    tickerOf = async (symbol) => {
      throw new Error(`no quote for ${symbol}`);
    };
    await buy(BTC, 'btc-1', '50000');
  });
  afterAll(async () => {
    await redis?.quit();
    await database?.close();
    await testDatabase?.drop();
  });

  it('when the first decision of the UTC day is taken then its equity and unrealized P&L are stored and reused', async () => {
    const first = await snapshot('60000');
    // 10,000 cash + 1 BTC at the 60,000 bid; unrealized 60,000 − 50,000.
    expect(first.daily.startingEquity.toString()).toBe('70000');
    expect(first.daily.unrealizedPnlAtStart.toString()).toBe('10000');
    expect(first.daily.dayStart.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    const key = store.key(ACCOUNT, first.daily.dayStart);
    expect(key).toMatch(/:risk:day-baseline:default:2024-05-01$/);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(47 * 3600);
    expect(ttl).toBeLessThanOrEqual(48 * 3600);

    clock.advance(3_600_000);
    const later = await snapshot('55000');
    expect(later.daily.startingEquity.toString()).toBe('70000');
    expect(later.daily.unrealizedPnlAtStart.toString()).toBe('10000');
    const stored = await store.load(ACCOUNT, first.daily.dayStart);
    expect(stored?.startingEquity.toString()).toBe('70000');
    expect(stored?.observedAt.toISOString()).toBe('2024-05-01T12:00:00.000Z');
  });

  it('when another replica stored the day first then its baseline wins', async () => {
    const dayStart = new Date('2024-05-01T00:00:00.000Z');
    await store.claim(ACCOUNT, {
      dayStart,
      observedAt: dayStart,
      startingEquity: dec('68000'),
      unrealizedPnlAtStart: dec('8000'),
    });
    const state = await snapshot('60000');
    expect(state.daily.startingEquity.toString()).toBe('68000');
    expect(state.daily.unrealizedPnlAtStart.toString()).toBe('8000');
  });

  it('when the loss since the baseline passes 3% of the starting equity then entries are blocked with DAILY_LOSS_LIMIT', async () => {
    await snapshot('60000'); // baseline: equity 70,000, unrealized 10,000; limit 3% = 2,100
    clock.advance(60_000);
    // Bid 58,000: unrealized 8,000, today's P&L −2,000 (−2.86%): under the limit.
    const under = await decide('58000');
    expect(under.inputs.dailyLoss).toMatchObject({ dailyPnl: '-2000', dailyLossLimit: '-2100' });
    expect(under.allowed || under.reason !== 'DAILY_LOSS_LIMIT').toBe(true);
    // Bid 57,800: unrealized 7,800, today's P&L −2,200 (−3.14%): beyond the limit.
    const beyond = await decide('57800');
    expect(beyond).toMatchObject({ allowed: false, reason: 'DAILY_LOSS_LIMIT' });
    expect(beyond.inputs.dailyLoss).toMatchObject({
      startingEquity: '70000',
      unrealizedPnlAtStart: '10000',
      unrealizedPnl: '7800',
      dailyPnl: '-2200',
      dailyLossLimit: '-2100',
    });
  });

  it('when a new UTC day begins then a new baseline is taken and yesterday’s loss no longer counts', async () => {
    await snapshot('60000');
    clock.advance(60_000);
    expect(await decide('57800')).toMatchObject({ allowed: false, reason: 'DAILY_LOSS_LIMIT' });

    clock.set(Date.parse('2024-05-02T00:00:05.000Z'));
    const next = await snapshot('57800');
    expect(next.daily.dayStart.toISOString()).toBe('2024-05-02T00:00:00.000Z');
    expect(next.daily.startingEquity.toString()).toBe('67800');
    expect(next.daily.unrealizedPnlAtStart.toString()).toBe('7800');
    const verdict = await decide('57800');
    expect(verdict.inputs.dailyLoss).toMatchObject({ dailyPnl: '0' });
    expect(verdict.allowed || verdict.reason !== 'DAILY_LOSS_LIMIT').toBe(true);
    // Yesterday's baseline is still there (48 h expiry) and unchanged.
    const yesterday = await store.load(ACCOUNT, new Date('2024-05-01T00:00:00.000Z'));
    expect(yesterday?.startingEquity.toString()).toBe('70000');
  });

  it('when a held position has no price at the first observation then no baseline is written', async () => {
    await buy(ETH, 'eth-1', '3000');
    const state = await snapshot('60000');
    expect(await store.load(ACCOUNT, state.daily.dayStart)).toBeUndefined();
    expect(evaluateEntry({ symbol: BTC, amount: dec('0.001'), price: dec('60000') }, state)).toMatchObject({
      allowed: false,
      reason: 'PRICE_UNAVAILABLE',
    });

    tickerOf = async (symbol) => quote(symbol, '3000');
    const priced = await snapshot('60000');
    // 10,000 + 60,000 + 3,000; unrealized 10,000 + 0.
    expect(priced.daily.startingEquity.toString()).toBe('73000');
    expect((await store.load(ACCOUNT, priced.daily.dayStart))?.unrealizedPnlAtStart.toString()).toBe('10000');
  });
});
