import { ExchangeError } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../../test/support/plain-decimal.js';
import { withOverrides } from '../support/trading-harness.js';
import { READ_TOKEN, RecordingExits, useSentinelHarness } from './sentinel-harness.js';

const BTC = 'BTC/USD';
const ETH = 'ETH/USD';
const SOL = 'SOL/USD';

describe('every sell that does not happen says why in decisions, once, not every sweep', () => {
  const harness = useSentinelHarness();

  it('when a held position has stale market data then STALE_DATA is recorded once, again after the repeat interval, and market-data readiness names the symbol', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    h.quote({ [BTC]: '60000' });
    const exits = new RecordingExits();
    const sentinel = await h.sentinel({ exits });
    const marketData = sentinel.readiness.find((check) => check.name === 'market-data');

    await sentinel.sweepOnce();
    expect(await h.exitDecisions()).toEqual([]); // HOLD writes nothing
    expect((await marketData?.run())?.ok).toBe(true);

    h.advance(16_000); // the quote is now older than 15 s
    for (let sweep = 0; sweep < 5; sweep += 1) {
      await sentinel.sweepOnce();
      h.advance(3_000);
    }
    expect(await h.exitDecisions(BTC)).toEqual([
      { reasonCode: 'STALE_DATA', exitReason: null, outcome: 'SKIPPED' },
    ]);
    expect(await marketData?.run()).toEqual({
      ok: false,
      detail: `stale market data for held positions, exits not evaluated: ${BTC}`,
    });

    h.advance(5 * 60_000);
    await sentinel.sweepOnce();
    expect(await h.exitDecisions(BTC)).toHaveLength(2);

    h.quote({ [BTC]: '60000' });
    await sentinel.sweepOnce();
    expect((await marketData?.run())?.ok).toBe(true);
    expect(exits.started).toEqual([]);
  });

  it('when a HODL asset falls below the hard stop then it is not sold and HODL_ASSET with HARD_STOP is recorded once', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    h.quote({ [BTC]: '56000' }); // −6.7 %
    const exits = new RecordingExits();
    const sentinel = await h.sentinel({ exits, settings: { hodlAssets: new Set(['BTC']) } });

    for (let sweep = 0; sweep < 3; sweep += 1) {
      await sentinel.sweepOnce();
      h.advance(3_000);
      h.quote({ [BTC]: '56000' });
    }

    expect(exits.started).toEqual([]);
    expect(await h.exitDecisions(BTC)).toEqual([
      { reasonCode: 'HODL_ASSET', exitReason: 'HARD_STOP', outcome: 'SKIPPED' },
    ]);
  });

  it('when exiting one position throws and the quote of another cannot be read then the others are still exited, each failure recorded once', async () => {
    const h = await harness();
    for (const [symbol, price] of [
      [BTC, '60000'],
      [ETH, '3000'],
      [SOL, '150'],
    ] as const) {
      await h.fill('buy', symbol, '1', price);
    }
    h.quote({ [BTC]: '56000', [ETH]: '2800', [SOL]: '140' }); // every one past the hard stop
    const exits = new RecordingExits();
    const starts = exits.answer;
    exits.answer = async (request) => {
      if (request.symbol === BTC) throw new Error('exchange exploded');
      return await starts(request);
    };
    const exchange = withOverrides(h.venue.exchange, {
      fetchTicker: async (symbol) => {
        if (symbol === SOL) throw new ExchangeError('TEMPORARY', 'SOL ticker down', { context: { symbol } });
        return await h.venue.exchange.fetchTicker(symbol);
      },
    });
    const sentinel = await h.sentinel({ exits, exchange });

    const report = await sentinel.sweepOnce();
    exits.active.add(ETH); // ETH's exit is now working
    h.advance(3_000);
    h.quote({ [BTC]: '56000', [ETH]: '2800' });
    await sentinel.sweepOnce();

    expect(report?.exitsStarted).toEqual([ETH]);
    expect(report?.errors).toEqual([{ symbol: BTC, message: 'exchange exploded' }]);
    expect(report?.staleSymbols).toEqual([SOL]);
    expect(exits.started.map((request) => [request.symbol, request.reason])).toEqual([
      [BTC, 'HARD_STOP'],
      [ETH, 'HARD_STOP'],
      [BTC, 'HARD_STOP'],
    ]);
    expect(await h.exitDecisions(BTC)).toEqual([
      { reasonCode: 'SENTINEL_ERROR', exitReason: null, outcome: 'SKIPPED' },
    ]);
    expect(await h.exitDecisions(SOL)).toEqual([
      { reasonCode: 'STALE_DATA', exitReason: null, outcome: 'SKIPPED' },
    ]);
    expect(await h.exitDecisions(ETH)).toEqual([]);
  });

  it('when the executor does not start an exit then it is asked again only after a back-off, and at once when the amount changes', async () => {
    const h = await harness();
    await h.fill('buy', ETH, '1', '3000');
    h.quote({ [ETH]: '2900' }); // −3.3 %: soft stop
    const exits = new RecordingExits();
    exits.answer = async () => ({
      kind: 'NOT_SOLD',
      decisionId: 'd',
      code: 'NOTHING_AVAILABLE',
      detail: 'held elsewhere',
    });
    const sentinel = await h.sentinel({ exits });

    const sweep = async () => {
      await sentinel.sweepOnce();
      h.advance(3_000);
      h.quote({ [ETH]: '2900' });
    };
    for (let index = 0; index < 5; index += 1) await sweep();
    expect(exits.started).toHaveLength(1);

    h.advance(30_000); // the first back-off
    h.quote({ [ETH]: '2900' });
    await sweep();
    expect(exits.started).toHaveLength(2);

    await h.fill('buy', ETH, '0.5', '3000');
    await sweep();
    expect(exits.started).toHaveLength(3);
    expect(plain(exits.started[2]?.positionAmount)).toBe('1.5');
  });

  it('when the executor reports dust then the position is flagged and not retried until its amount changes', async () => {
    const h = await harness();
    await h.fill('buy', ETH, '1', '3000');
    h.quote({ [ETH]: '2900' });
    const exits = new RecordingExits();
    exits.answer = async () => ({
      kind: 'NOT_SOLD',
      decisionId: 'd',
      code: 'DUST',
      detail: 'below the minimum',
    });
    const sentinel = await h.sentinel({ exits });
    const sweep = async () => {
      await sentinel.sweepOnce();
      h.advance(3_000);
      h.quote({ [ETH]: '2900' });
    };

    await sweep();
    h.advance(60_000); // past the executor back-off: dust is not asked again at all
    h.quote({ [ETH]: '2900' });
    await sweep();
    await sweep();

    expect(exits.started).toHaveLength(1);
    const where = { account_symbol: { account: h.account, symbol: ETH } };
    expect((await h.database.prisma.positionState.findUniqueOrThrow({ where })).dust).toBe(true);
    // The executor recorded DUST itself; the sentinel adds no row of its own for the same thing.
    expect(await h.exitDecisions(ETH)).toEqual([]);

    await h.fill('buy', ETH, '1', '3000');
    await sweep();
    expect(exits.started).toHaveLength(2);
    expect((await h.database.prisma.positionState.findUniqueOrThrow({ where })).dust).toBe(false);
  });

  it('when the operator asks why a position was not sold then GET /api/decisions filtered by symbol and intent EXIT answers', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    h.quote({ [BTC]: '56000' });
    const { sentinel, app } = await h.system({ settings: { hodlAssets: new Set(['BTC']) } });
    await sentinel.sweepOnce();
    const response = await app.inject({
      method: 'GET',
      url: '/api/decisions?symbol=BTC%2FUSD&intent=EXIT',
      headers: { authorization: `Bearer ${READ_TOKEN}` },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      expect.objectContaining({
        symbol: BTC,
        side: 'SELL',
        intent: 'EXIT',
        outcome: 'SKIPPED',
        reason_code: 'HODL_ASSET',
        exit_reason: 'HARD_STOP',
        rule_inputs: expect.objectContaining({ wouldExit: 'HARD_STOP' }),
      }),
    ]);
  });
});
