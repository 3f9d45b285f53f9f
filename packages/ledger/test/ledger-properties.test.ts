import { type Decimal, dec, splitProRata, sum, ZERO } from '@hookline/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FifoEngine, type LedgerFill, recompute, verifyLedger } from '../src/index.js';
import { sortIntoProcessingOrder } from '../src/processing-order.js';
import { ProportionalFee } from '../src/proportional-fee.js';
import type { LedgerResult } from '../src/recompute.js';
import { records } from './support/fills.js';

const usd = new Set(['USD', 'USDC', 'USDT']);
const start = Date.parse('2024-02-28T22:00:00Z');

// Sizes with 8 or 18 decimals, cent prices, every kind of fee, and times drawn from a few minutes
// so equal timestamps (and equal sequences) are common.
const fillSpec = fc.record({
  account: fc.constantFrom('a', 'b'),
  symbol: fc.constantFrom('BTC/USD', 'BTC/USDC', 'ETH/USD', 'ETH/BTC'),
  side: fc.constantFrom('buy', 'sell', 'buy'),
  size: fc.oneof(
    fc.integer({ min: 1, max: 300_000_000 }).map((units) => dec(units).dividedBy(1e8)),
    fc.bigInt({ min: 1n, max: 3n * 10n ** 18n }).map((units) => dec(units.toString()).dividedBy(dec('1e18'))),
  ),
  price: fc.integer({ min: 1, max: 10_000_000 }).map((cents) => dec(cents).dividedBy(100)),
  fee: fc.oneof(
    fc.constant({ kind: 'none' as const, rate: 0 }),
    fc.record({
      kind: fc.constantFrom('quote', 'base', 'bnb-valued', 'bnb-unvalued', 'rebate'),
      rate: fc.integer({ min: 1, max: 50 }),
    }),
  ),
  minute: fc.integer({ min: 0, max: 6 }),
  day: fc.constantFrom(0, 0, 366, 367),
  sequence: fc.integer({ min: 0, max: 3 }),
});

type FillSpec = typeof fillSpec extends fc.Arbitrary<infer Value> ? Value : never;

function toFill(spec: FillSpec, index: number): LedgerFill {
  const [base = '', quote = ''] = spec.symbol.split('/');
  const rate = dec(spec.fee.rate).dividedBy(1000);
  const notional = spec.size.times(spec.price);
  const feeBy = {
    none: { fee: ZERO, feeCurrency: quote, feeUsd: null },
    quote: { fee: notional.times(rate).toDecimalPlaces(2), feeCurrency: quote, feeUsd: null },
    rebate: { fee: notional.times(rate).toDecimalPlaces(2).negated(), feeCurrency: quote, feeUsd: null },
    base: { fee: spec.size.times(rate), feeCurrency: base, feeUsd: null },
    'bnb-valued': { fee: rate, feeCurrency: 'BNB', feeUsd: rate.times(600) },
    'bnb-unvalued': { fee: rate, feeCurrency: 'BNB', feeUsd: null },
  }[spec.fee.kind];
  return {
    id: `f${index}`,
    account: spec.account,
    tradeId: `t${index}`,
    orderId: `o${index}`,
    symbol: spec.symbol,
    side: spec.side,
    price: spec.price,
    size: spec.size,
    ...feeBy,
    executedAt: new Date(start + spec.day * 86_400_000 + spec.minute * 60_000),
    sequence: index * 4 + spec.sequence,
  };
}

const fillSequences = fc.array(fillSpec, { minLength: 1, maxLength: 40 }).map((specs) => specs.map(toFill));

// The fee's USD value, written out again here so the property does not trust the engine's valuation.
function feeValue(fill: LedgerFill): Decimal {
  const [base] = fill.symbol.split('/');
  if (fill.fee.isZero()) return ZERO;
  if (fill.feeCurrency === base) return fill.fee.times(fill.price);
  if (usd.has(fill.feeCurrency)) return fill.fee;
  return fill.feeUsd ?? ZERO;
}

const valued = (fill: LedgerFill) => usd.has(fill.symbol.split('/')[1] ?? '');
const total = (values: Decimal[]) => sum(values).toFixed();

function check(property: (fills: LedgerFill[], ledger: LedgerResult) => void): void {
  fc.assert(
    fc.property(fillSequences, (fills) => property(fills, recompute(fills))),
    { numRuns: 150 },
  );
}

describe('ledger properties over random fill sequences', () => {
  it('when any sequence is recomputed then verifyLedger finds no error', () => {
    check((fills, ledger) => {
      const problems = verifyLedger(fills, ledger.allocations, ledger.lots).filter(
        (v) => v.severity === 'error',
      );
      expect(problems).toEqual([]);
    });
  });

  it('when fills are applied one by one, with a state export and import on the way, then the result equals a recompute', () => {
    fc.assert(
      fc.property(fillSequences, fc.nat(), (fills, splitSeed) => {
        const ordered = sortIntoProcessingOrder(fills);
        const split = splitSeed % (ordered.length + 1);
        const first = new FifoEngine();
        const head = ordered.slice(0, split).flatMap((fill) => first.apply(fill).allocations);
        const second = FifoEngine.fromState(first.exportState());
        const tail = ordered.slice(split).flatMap((fill) => second.apply(fill).allocations);

        const full = recompute([...fills].reverse());

        expect(records([...head, ...tail])).toEqual(records(full.allocations));
        expect(second.allOpenLots()).toEqual(full.lots);
      }),
      { numRuns: 150 },
    );
  });

  it('when any sequence is recomputed then quantities are conserved per fill and per account and asset', () => {
    check((fills, ledger) => {
      for (const fill of fills.filter(valued)) {
        const disposed = ledger.allocations
          .filter((row) => row.sellFillId === fill.id)
          .map((row) => row.allocatedSize);
        const baseFee = fill.feeCurrency === fill.symbol.split('/')[0] ? fill.fee : ZERO;
        expect(total(disposed)).toBe((fill.side === 'sell' ? fill.size.plus(baseFee) : baseFee).toFixed());
      }
      for (const account of ['a', 'b']) {
        for (const asset of ['BTC', 'ETH']) {
          const bought = fills.filter(
            (f) => valued(f) && f.account === account && f.side === 'buy' && f.symbol.startsWith(`${asset}/`),
          );
          const fromLots = ledger.allocations.filter(
            (row) => row.account === account && row.asset === asset && row.buyFillId !== null,
          );
          const open = ledger.lots.filter((lot) => lot.account === account && lot.asset === asset);
          expect(
            sum([
              ...bought.map((f) => f.size),
              ...fromLots.map((row) => row.allocatedSize.negated()),
            ]).toFixed(),
          ).toBe(total(open.map((lot) => lot.remainingSize)));
        }
      }
    });
  });

  it('when any sequence is recomputed then fee slices add up to each fee and cost basis to what the buys cost', () => {
    check((fills, ledger) => {
      for (const fill of fills.filter(valued)) {
        const rows = (key: 'sellFillId' | 'buyFillId') =>
          ledger.allocations.filter((row) => row[key] === fill.id);
        if (fill.side === 'sell')
          expect(total(rows('sellFillId').map((row) => row.sellFeeUsd))).toBe(feeValue(fill).toFixed());
        if (fill.side === 'buy') {
          const remaining = ledger.lots
            .filter((lot) => lot.buyFillId === fill.id)
            .map((lot) => lot.remainingFeeUsd);
          expect(total([...rows('buyFillId').map((row) => row.buyFeeUsd), ...remaining])).toBe(
            feeValue(fill).toFixed(),
          );
        }
      }
      const buysCost = fills
        .filter((f) => valued(f) && f.side === 'buy')
        .map((f) => f.size.times(f.price).plus(feeValue(f)));
      const consumed = ledger.allocations.map((row) => row.costBasisUsd);
      const stillOpen = ledger.lots.map((lot) =>
        lot.remainingSize.times(lot.price).plus(lot.remainingFeeUsd),
      );
      expect(total([...consumed, ...stillOpen])).toBe(total(buysCost));
    });
  });
});

describe('proportional fee arithmetic', () => {
  const positive = (places: number) =>
    fc
      .bigInt({ min: 1n, max: 10n ** 24n })
      .map((units) => dec(units.toString()).dividedBy(dec(`1e${places}`)));

  it('when a share is computed in integers then it equals splitProRata and the per-unit value equals a division', () => {
    fc.assert(
      fc.property(positive(8), positive(18), positive(12), fc.boolean(), (total, part, extra, negative) => {
        const fee = negative ? total.negated() : total;
        const whole = part.plus(extra);
        const proportional = new ProportionalFee(fee, whole);

        expect(proportional.share(part).toFixed()).toBe(splitProRata(fee, [part, extra])[0]?.toFixed());
        expect(proportional.perUnit.toFixed()).toBe(fee.dividedBy(whole).toFixed());
      }),
      { numRuns: 500 },
    );
  });
});
