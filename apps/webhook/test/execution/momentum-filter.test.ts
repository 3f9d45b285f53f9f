// The 24 h momentum filter through the real pipeline: POST /webhook → alerts → alert.process → risk
// gate → decisions, on the paper venue, whose tickers carry the 24 h change once its own price
// history reaches back a day (the venue starts at 12:00:00, its first quote 60000/60000.01 at 12:00:01).
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, type PaperVenue, useTradingHarness } from '../support/trading-harness.js';

const DAY_MS = 86_400_000;

// A day later, a new quote: the ticker's 24 h change is measured against the first one.
function aDayLater(venue: PaperVenue, bid: string, ask: string): string {
  venue.clock.advance(DAY_MS - 1_000);
  venue.quote(bid, ask);
  return venue.clock.now().toISOString();
}

describe('momentum filter through the trading harness', () => {
  const harness = useTradingHarness();

  it('when the filter is on and the venue has no 24 h history yet then the entry is BLOCKED MOMENTUM_FILTER saying the change is not known', async () => {
    const { post, database } = await harness({ env: { HOOKLINE_RISK_MIN_MOMENTUM_24H_PCT: '0' } });

    await post(buyAlertBody('young-venue'));

    const decision = await eventually(async () => (await database.prisma.decision.findFirst()) ?? undefined);
    expect(decision).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'MOMENTUM_FILTER', intent: 'ENTRY' });
    const inputs = decision.ruleInputs as { risk: Record<string, unknown>; message: string };
    expect(inputs.risk.momentum24h).toEqual({
      symbol: 'BTC/USD',
      change24hPct: null,
      minMomentum24hPct: '0',
      maxMomentum24hPct: null,
    });
    expect(inputs.message).toMatch(/BTC\/USD 24 h change is not known/);
    expect(await database.prisma.tradeRecord.count()).toBe(0);
  });

  it('when the price fell 3 % in 24 h and the minimum is 0 % then the entry is BLOCKED MOMENTUM_FILTER with the change', async () => {
    const { post, database, venue } = await harness({ env: { HOOKLINE_RISK_MIN_MOMENTUM_24H_PCT: '0' } });
    const time = aDayLater(venue, '58200', '58200.01');

    await post(buyAlertBody('falling', { price: '58200', time }));

    const decision = await eventually(async () => (await database.prisma.decision.findFirst()) ?? undefined);
    expect(decision).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'MOMENTUM_FILTER' });
    const inputs = decision.ruleInputs as {
      risk: { momentum24h: { change24hPct: string } };
      message: string;
    };
    expect(Number(inputs.risk.momentum24h.change24hPct)).toBeCloseTo(-3, 6);
    expect(inputs.message).toMatch(/below the minimum 0%/);
  });

  it('when the price rose 2 % in 24 h and the minimum is 0 % then the entry is ORDERED and the decision shows the change', async () => {
    const { post, database, venue } = await harness({ env: { HOOKLINE_RISK_MIN_MOMENTUM_24H_PCT: '0' } });
    const time = aDayLater(venue, '61200', '61200.01');

    await post(buyAlertBody('rising', { price: '61200', time }));

    const decision = await eventually(async () => (await database.prisma.decision.findFirst()) ?? undefined);
    expect(decision).toMatchObject({ outcome: 'ORDERED', reasonCode: 'ORDERED' });
    const risk = (decision.ruleInputs as { risk: { momentum24h: { change24hPct: string } } }).risk;
    expect(Number(risk.momentum24h.change24hPct)).toBeCloseTo(2, 6);
  });

  it('when the filter is not configured then the same young venue orders and the decision says the filter is off', async () => {
    const { post, database } = await harness();

    await post(buyAlertBody('filter-off'));

    const decision = await eventually(async () => (await database.prisma.decision.findFirst()) ?? undefined);
    expect(decision).toMatchObject({ outcome: 'ORDERED' });
    const risk = (decision.ruleInputs as { risk: Record<string, Record<string, unknown>> }).risk;
    expect(risk.momentum24h).toMatchObject({ note: 'the momentum filter is off' });
  });
});
