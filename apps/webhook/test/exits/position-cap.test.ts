import { describe, expect, it } from 'vitest';
import { RecordingExits, useSentinelHarness } from './sentinel-harness.js';

const BTC = 'BTC/USD';
const ETH = 'ETH/USD';
const SOL = 'SOL/USD';
const AT_COST = { [BTC]: '60000', [ETH]: '3000', [SOL]: '150' };

describe('the position cap sells the smallest excess, and HALTs when that does not help', () => {
  const harness = useSentinelHarness();

  it('when open positions exceed the cap then the smallest by value at the bid is sold with CAP_ENFORCEMENT', async () => {
    const h = await harness({ USD: '100000', BTC: '0.001', ETH: '0.1', SOL: '1' });
    await h.fill('buy', BTC, '0.001', '60000'); // 60 USD: the smallest
    await h.fill('buy', ETH, '0.1', '3000'); // 300 USD
    await h.fill('buy', SOL, '1', '150'); // 150 USD
    h.quote(AT_COST);
    const sentinel = await h.sentinel({
      realExecutor: true,
      settings: { cap: { maxOpenPositions: 2, waitMs: 10_000, maxCycles: 3 } },
    });

    const report = await sentinel.sweepOnce();

    expect(report?.cap).toBe('SOLD');
    const sells = await h.database.prisma.tradeRecord.findMany({
      where: { account: h.account, side: 'SELL' },
    });
    expect(sells.map((sell) => [sell.symbol, sell.exitReason, sell.trigger])).toEqual([
      [BTC, 'CAP_ENFORCEMENT', 'EXIT'],
    ]);
    expect(await h.exitDecisions(BTC)).toEqual([
      expect.objectContaining({ exitReason: 'CAP_ENFORCEMENT', outcome: 'ORDERED' }),
    ]);
    const decision = await h.database.prisma.decision.findFirstOrThrow({
      where: { account: h.account, symbol: BTC, exitReason: 'CAP_ENFORCEMENT' },
    });
    // The cap acted on a position both the ledger and the exchange hold, and says so with the amounts.
    expect((decision.ruleInputs as { rule: unknown }).rule).toMatchObject({
      source: 'BOTH',
      ledgerAmount: '0.001',
      exchangeAmount: '0.001',
      openPositions: 3,
      counted: { both: 3, exchangeOnly: 0, ledgerOnly: 0 },
      zombies: [],
    });

    // The next sweep inside the wait sells nothing more.
    h.advance(3_000);
    h.quote(AT_COST);
    expect((await sentinel.sweepOnce())?.cap).toBe('WAITING');
  });

  it('when holdings the ledger does not know stay above the cap after three cycles then trading is HALTED with a message naming them', async () => {
    // Bought by hand: the exchange holds three positions the ledger has no lots of. They count, but
    // the cap never sells them, so nothing it may do brings the count down.
    const h = await harness({ USD: '100000', BTC: '0.001', ETH: '0.1', SOL: '1' });
    const cap = { maxOpenPositions: 2, waitMs: 1_000, maxCycles: 3 };
    const { sentinel, controls } = await h.system({ realExecutor: true, settings: { cap } });
    const outcomes: Array<string | undefined> = [];
    for (let sweep = 0; sweep < 4; sweep += 1) {
      h.quote(AT_COST);
      outcomes.push((await sentinel.sweepOnce())?.cap);
      h.advance(1_000);
    }

    expect(outcomes).toEqual(['NOTHING_TO_SELL', 'NOTHING_TO_SELL', 'NOTHING_TO_SELL', 'HALTED']);
    const snapshot = await controls.snapshot();
    expect(snapshot.tradingState).toBe('HALTED');
    expect(snapshot.tradingStateChange?.by).toBe('sentinel');
    expect(snapshot.tradingStateChange?.reason).toBe(
      'open positions (3) stayed above the cap (2) after 3 sell cycles: check the exchange for positions ' +
        'Hookline cannot sell (HODL, dust, balances held elsewhere; not in the ledger: BTC/USD, ETH/USD, SOL/USD), ' +
        'then POST /api/admin/resume',
    );
    expect(await h.database.prisma.tradeRecord.count({ where: { account: h.account } })).toBe(0);
    expect(await h.exitDecisions('*')).toEqual([
      { reasonCode: 'POSITION_CAP_UNRESOLVED', exitReason: 'CAP_ENFORCEMENT', outcome: 'BLOCKED' },
    ]);
    const halt = await h.database.prisma.decision.findFirstOrThrow({
      where: { account: h.account, reasonCode: 'POSITION_CAP_UNRESOLVED' },
    });
    expect(halt.ruleInputs).toMatchObject({
      counted: { both: 0, exchangeOnly: 3, ledgerOnly: 0 },
      positions: [
        { symbol: BTC, source: 'EXCHANGE', ledgerAmount: null, exchangeAmount: '0.001' },
        { symbol: ETH, source: 'EXCHANGE', ledgerAmount: null, exchangeAmount: '0.1' },
        { symbol: SOL, source: 'EXCHANGE', ledgerAmount: null, exchangeAmount: '1' },
      ],
    });

    // HALTED stays one decision, not one per sweep.
    h.quote(AT_COST);
    expect((await sentinel.sweepOnce())?.cap).toBe('HALTED_ALREADY');
    expect(await h.exitDecisions('*')).toHaveLength(1);
  });

  it('when the ledger holds positions the exchange does not (zombies) then they do not count and nothing is sold for the cap', async () => {
    const h = await harness({ USD: '100000', SOL: '1' });
    await h.fill('buy', BTC, '0.001', '60000'); // zombie
    await h.fill('buy', ETH, '0.1', '3000'); // zombie
    await h.fill('buy', SOL, '1', '150'); // held
    h.quote(AT_COST);
    const exits = new RecordingExits();
    const sentinel = await h.sentinel({
      exits,
      settings: { cap: { maxOpenPositions: 1, waitMs: 0, maxCycles: 3 } },
    });

    expect((await sentinel.sweepOnce())?.cap).toBe('WITHIN_CAP');
    expect(exits.started).toEqual([]);
  });

  it('when a hand-bought holding pushes the count above the cap then the smallest ledger position is sold, saying it counted the exchange', async () => {
    const h = await harness({ USD: '100000', BTC: '0.001', ETH: '0.1', SOL: '1' });
    await h.fill('buy', BTC, '0.001', '60000');
    await h.fill('buy', ETH, '0.1', '3000'); // SOL is held on the exchange only
    h.quote(AT_COST);
    const exits = new RecordingExits();
    const sentinel = await h.sentinel({
      exits,
      settings: { cap: { maxOpenPositions: 2, waitMs: 10_000, maxCycles: 3 } },
    });

    expect((await sentinel.sweepOnce())?.cap).toBe('SOLD');
    expect(exits.started.map((request) => [request.symbol, request.reason])).toEqual([
      [BTC, 'CAP_ENFORCEMENT'],
    ]);
    expect(exits.started[0]?.ruleInputs).toMatchObject({
      source: 'BOTH',
      openPositions: 3,
      counted: { both: 2, exchangeOnly: 1, ledgerOnly: 0 },
      exchangeOnly: [{ symbol: SOL, source: 'EXCHANGE', ledgerAmount: null, exchangeAmount: '1' }],
    });
  });

  it('when HODL and dust positions are held then they do not count against the cap', async () => {
    const h = await harness({ USD: '100000', BTC: '0.001', ETH: '0.00001', SOL: '1' });
    await h.fill('buy', BTC, '0.001', '60000');
    await h.fill('buy', ETH, '0.00001', '3000'); // below ETH's minimum amount: dust
    await h.fill('buy', SOL, '1', '150');
    h.quote(AT_COST);
    const exits = new RecordingExits();
    const sentinel = await h.sentinel({
      exits,
      settings: { hodlAssets: new Set(['BTC']), cap: { maxOpenPositions: 1, waitMs: 0, maxCycles: 3 } },
    });

    expect((await sentinel.sweepOnce())?.cap).toBe('WITHIN_CAP');
    expect(exits.started).toEqual([]);
  });

  it('when a HODL asset is past its hard stop then the real executor is never asked to sell it', async () => {
    const h = await harness({ USD: '100000', BTC: '0.01' });
    await h.fill('buy', BTC, '0.01', '60000');
    const sentinel = await h.sentinel({ realExecutor: true, settings: { hodlAssets: new Set(['BTC']) } });
    for (let sweep = 0; sweep < 3; sweep += 1) {
      h.quote({ [BTC]: '50000' });
      await sentinel.sweepOnce();
      h.advance(3_000);
    }

    expect(await h.database.prisma.tradeRecord.count({ where: { account: h.account, side: 'SELL' } })).toBe(
      0,
    );
    expect(await h.venue.exchange.fetchOpenOrders()).toEqual([]);
    expect(await h.exitDecisions(BTC)).toEqual([
      { reasonCode: 'HODL_ASSET', exitReason: 'HARD_STOP', outcome: 'SKIPPED' },
    ]);
  });
});
