// Protective stops through the whole webhook system: a TradingView entry on the paper venue, the
// sentinel's sweep (the keeper runs at its end), the exit executor, the fill consumer and the start-up
// reconciliation, over real Postgres and Redis. HOOKLINE_PROTECTIVE_STOPS is `auto`: on for paper.
import { type Decimal, dec, quantizeToTick } from '@hookline/core';
import type { TradeRecord } from '@hookline/db';
import { type OpenPosition, readOpenPositions, storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../../test/support/eventually.js';
import type { OnlineWebhookSystem } from '../../../src/webhook-system.js';
import { type CountingExchange, countingExchange } from '../../support/counting-exchange.js';
import {
  buyAlertBody,
  SYMBOL,
  type TradingUnderTest,
  useTradingHarness,
} from '../../support/trading-harness.js';

describe('protective stops: an exchange-resident stop at the hard-stop level', () => {
  const harness = useTradingHarness();

  /** Posts a buy alert and waits until its fill is in the ledger. */
  async function entered(h: TradingUnderTest, id = 'stop-entry'): Promise<OpenPosition> {
    expect((await h.post(buyAlertBody(id))).statusCode).toBe(202);
    await eventually(async () => {
      const row = await h.database.prisma.tradeRecord.findFirst({
        where: { side: 'BUY' },
        include: { fills: true },
      });
      return row?.status === 'FILLED' && row.fills.length === 1;
    });
    await h.pipeline.fills.idle();
    return await position(h);
  }

  async function position(h: TradingUnderTest): Promise<OpenPosition> {
    const [open] = await openPositions(h);
    if (open === undefined) throw new Error('no open position');
    return open;
  }

  async function openPositions(h: TradingUnderTest): Promise<OpenPosition[]> {
    return await readOpenPositions(storeOf(h.database.prisma), {
      account: 'default',
      markets: await h.venue.exchange.fetchMarkets(),
    });
  }

  /** The HARD_STOP level of the position (5 % under its average cost), down to the 0.01 tick. */
  function hardStopOf(open: OpenPosition): Decimal {
    return quantizeToTick(open.averageCost.times('0.95'), dec('0.01'), 'down');
  }

  async function stopRows(h: TradingUnderTest): Promise<TradeRecord[]> {
    return await h.database.prisma.tradeRecord.findMany({
      where: { exitReason: 'PROTECTIVE_STOP' },
      orderBy: { orderTime: 'asc' },
    });
  }

  async function sells(h: TradingUnderTest): Promise<TradeRecord[]> {
    return await h.database.prisma.tradeRecord.findMany({
      where: { side: 'SELL' },
      orderBy: { createdAt: 'asc' },
    });
  }

  async function sweep(system: OnlineWebhookSystem) {
    const report = await system.sentinel.sweepOnce();
    await system.pipeline.fills.idle();
    return report;
  }

  it('when a sweep runs the position cap and the keeper then the venue is asked for its balances once', async () => {
    let counting: CountingExchange | undefined;
    const h = await harness({
      wrapExchange: (exchange) => {
        counting = countingExchange(exchange);
        return counting.exchange;
      },
    });
    await entered(h);
    await sweep(h.system); // rests the stop
    counting?.reset();

    const report = await sweep(h.system);

    expect(report?.cap).toBe('WITHIN_CAP');
    expect(report?.protectiveStops.map((outcome) => outcome.kind)).toEqual(['KEEP']);
    expect(counting?.calls.get('fetchBalances')).toBe(1);
  });

  it('when an entry fills then the next sweep rests one STOP_LIMIT sell of the whole position at the hard-stop price, and a second sweep keeps it', async () => {
    const h = await harness();
    const open = await entered(h);
    const trigger = hardStopOf(open);

    const first = await sweep(h.system);
    const second = await sweep(h.system);

    const venueOrders = await h.venue.exchange.fetchOpenOrders(SYMBOL);
    expect(
      venueOrders.map((order) => [
        order.type,
        order.side,
        order.amount.toString(),
        order.stopPrice?.toString(),
      ]),
    ).toEqual([['STOP_LIMIT', 'sell', open.amount.toString(), trigger.toString()]]);
    // 50 bps under the trigger, down to the tick.
    expect(venueOrders[0]?.price?.toString()).toBe(
      quantizeToTick(trigger.times('0.995'), dec('0.01'), 'down').toString(),
    );
    const rows = await stopRows(h);
    expect(rows.map((row) => [row.orderType, row.status, row.stopPrice?.toString(), row.trigger])).toEqual([
      ['STOP_LIMIT', 'OPEN', trigger.toString(), 'EXIT'],
    ]);
    expect(first?.protectiveStops.map((outcome) => outcome.kind)).toEqual(['PLACE']);
    expect(second?.protectiveStops.map((outcome) => outcome.kind)).toEqual(['KEEP']);
    // The stop holds the coins at the exchange.
    expect((await h.venue.exchange.fetchBalances()).BTC?.available.isZero()).toBe(true);
  });

  // The keeper keeps the working stops it read while the account's orders are unchanged; a change by
  // anyone else (here the user canceling at the venue, recorded from the order stream) is seen next sweep.
  it('when the stop is canceled at the venue between two sweeps then the next sweep places a new one', async () => {
    const h = await harness();
    await entered(h);
    await sweep(h.system);
    const [placed] = await stopRows(h);
    expect((await sweep(h.system))?.protectiveStops.map((outcome) => outcome.kind)).toEqual(['KEEP']);

    await h.venue.exchange.cancelOrder({ clientOrderId: placed?.clientOrderId as string });
    await eventually(async () => {
      const row = await h.database.prisma.tradeRecord.findUnique({ where: { id: placed?.id as string } });
      return row?.status === 'CANCELED';
    });
    const next = await sweep(h.system);

    expect(next?.protectiveStops.map((outcome) => outcome.kind)).toEqual(['PLACE']);
    expect((await stopRows(h)).map((row) => row.status)).toEqual(['CANCELED', 'OPEN']);
  });

  it('when the price falls through the stop while the service is down then the venue fills it, the restart reconciles the fill, the position is closed and nothing is sold twice', async () => {
    const h = await harness();
    const open = await entered(h);
    await sweep(h.system);
    const [stop] = await stopRows(h);
    await h.system.stop();

    // No process runs: the venue alone sees the bid fall 1 USD under the trigger.
    const bid = hardStopOf(open).minus(1);
    h.venue.quote(bid.toString(), bid.plus('0.01').toString());

    const restarted = await h.restart();
    await restarted.reconciler.runOnce();
    await restarted.pipeline.fills.idle();
    await sweep(restarted);
    await sweep(restarted);

    const filled = await h.database.prisma.tradeRecord.findUniqueOrThrow({
      where: { clientOrderId: stop?.clientOrderId ?? '' },
      include: { fills: true },
    });
    expect(filled.status).toBe('FILLED');
    expect(filled.fills.map((fill) => [fill.size.toString(), fill.price.toString()])).toEqual([
      [open.amount.toString(), bid.toString()],
    ]);
    expect(await openPositions(h)).toEqual([]);
    // The only sell is the stop; the sentinel saw no position to sell (the bid is below the hard stop).
    expect((await sells(h)).map((row) => row.clientOrderId)).toEqual([stop?.clientOrderId]);
    const venueSells = (await h.venue.exchange.fetchFillsSince()).fills.filter(
      (fill) => fill.side === 'sell',
    );
    expect(venueSells.map((fill) => fill.amount.toString())).toEqual([open.amount.toString()]);
    expect((await h.venue.exchange.fetchBalances()).BTC?.total.isZero()).toBe(true);
  });

  it('when the soft stop fires then the exit cancels the protective stop first and sells exactly the position once', async () => {
    const h = await harness();
    const open = await entered(h);
    await sweep(h.system);
    // −3 % of the average cost: past the soft stop (2.5 %), above the hard stop (5 %).
    const bid = quantizeToTick(open.averageCost.times('0.97'), dec('0.01'), 'down');
    h.venue.quote(bid.toString(), bid.plus('0.01').toString());

    const report = await sweep(h.system);
    // The exit LIMIT rests at bid × 1.0001; the market comes up to it.
    const up = bid.times('1.001').toDecimalPlaces(2);
    h.venue.quote(up.toString(), up.plus('0.01').toString());
    await h.pipeline.fills.idle();
    await sweep(h.system);
    await sweep(h.system);

    expect(report?.exitsStarted).toEqual([SYMBOL]);
    expect(report?.protectiveStops.map((outcome) => outcome.kind)).toEqual(['NONE']);
    const rows = await sells(h);
    expect(rows.map((row) => [row.exitReason, row.status])).toEqual([
      ['PROTECTIVE_STOP', 'CANCELED'],
      ['SOFT_STOP', 'FILLED'],
    ]);
    expect(rows[1]?.size.toString()).toBe(open.amount.toString());
    expect(await openPositions(h)).toEqual([]);
    expect((await h.venue.exchange.fetchOpenOrders(SYMBOL)).length).toBe(0);
    expect((await h.venue.exchange.fetchBalances()).BTC?.total.isZero()).toBe(true);
  });

  it('when an exit sells part of the position then the next sweep re-places the stop for the rest', async () => {
    const h = await harness();
    const open = await entered(h);
    await sweep(h.system);
    const half = open.amount.dividedBy(2).toDecimalPlaces(8);

    const started = await h.system.sentinel.exits.start({
      symbol: SYMBOL,
      reason: 'MANUAL',
      positionAmount: half,
      ruleInputs: { test: 'partial exit' },
    });
    // The MANUAL LIMIT rests just above the bid; the market comes up to it.
    h.venue.quote('60100', '60100.01');
    await h.pipeline.fills.idle();
    await sweep(h.system);

    expect(started?.kind).toBe('STARTED');
    const rest = await position(h);
    expect(rest.amount.toString()).toBe(open.amount.minus(half).toString());
    const rows = await stopRows(h);
    expect(rows.map((row) => [row.status, row.size.toString()])).toEqual([
      ['CANCELED', open.amount.toString()],
      ['OPEN', rest.amount.toString()],
    ]);
    const venueOrders = await h.venue.exchange.fetchOpenOrders(SYMBOL);
    expect(
      venueOrders.map((order) => [order.type, order.amount.toString(), order.stopPrice?.toString()]),
    ).toEqual([['STOP_LIMIT', rest.amount.toString(), hardStopOf(rest).toString()]]);
  });

  it('when the cancel of the stop is not confirmed then its coins stay reserved and the exit sells nothing instead of overselling; once the cancel goes through the exit sells the position once', async () => {
    const h = await harness();
    const open = await entered(h);
    await sweep(h.system);
    const bid = quantizeToTick(open.averageCost.times('0.97'), dec('0.01'), 'down');
    h.venue.quote(bid.toString(), bid.plus('0.01').toString());
    // The exit's cancel and the keeper's second ask both time out before they reach the venue.
    h.venue.exchange.faults.inject('cancelOrder', { type: 'timeout', placed: false }, 2);

    const refused = await sweep(h.system);

    expect(refused?.notSold).toEqual([{ symbol: SYMBOL, code: 'NOTHING_AVAILABLE' }]);
    expect((await sells(h)).map((row) => [row.exitReason, row.status])).toEqual([
      ['PROTECTIVE_STOP', 'PENDING_CANCEL'],
    ]);
    const venueOrders = await h.venue.exchange.fetchOpenOrders(SYMBOL);
    expect(venueOrders.map((order) => [order.type, order.amount.toString()])).toEqual([
      ['STOP_LIMIT', open.amount.toString()],
    ]);
    expect((await h.venue.exchange.fetchBalances()).BTC?.total.toString()).toBe(open.amount.toString());

    // The exit is asked again after its back-off (30 s); this time the cancel is confirmed.
    h.venue.clock.advance(30_000);
    h.venue.quote(bid.toString(), bid.plus('0.01').toString());
    const sold = await sweep(h.system);

    expect(sold?.exitsStarted).toEqual([SYMBOL]);
    const rows = await sells(h);
    expect(rows.map((row) => [row.exitReason, row.status, row.size.toString()])).toEqual([
      ['PROTECTIVE_STOP', 'CANCELED', open.amount.toString()],
      ['SOFT_STOP', 'OPEN', open.amount.toString()],
    ]);
  });
});
