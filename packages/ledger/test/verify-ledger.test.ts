import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { compareAllocations } from '../src/compare-allocations.js';
import {
  type Allocation,
  FifoEngine,
  type LedgerViolation,
  type Lot,
  ledgerStateFromRows,
  recompute,
  verifyLedger,
} from '../src/index.js';
import { fills, lotStrings } from './support/fills.js';

// Quote, third-asset (valued and not) and base-asset fees, an oversell and a non-USD quote.
const scenario = fills(
  { id: 'b1', side: 'buy', size: '1', price: '100', fee: '0.3' },
  { id: 'b2', side: 'buy', size: '2', price: '110', fee: '0.7', feeCurrency: 'BNB', feeUsd: '0.77' },
  { id: 's1', side: 'sell', size: '1.2', price: '120', fee: '0.5' },
  { id: 'b3', side: 'buy', size: '1', price: '90', fee: '0.001', feeCurrency: 'BTC' },
  { id: 's2', side: 'sell', size: '3', price: '130', fee: '0.2' },
  { id: 'b4', side: 'buy', size: '1', price: '100', fee: '0.1', feeCurrency: 'BNB' },
  { id: 'x1', side: 'buy', size: '1', price: '0.05', symbol: 'ETH/BTC' },
);
const ledger = recompute(scenario);

const errors = (violations: LedgerViolation[]) =>
  violations.filter((violation) => violation.severity === 'error');

// A row with some columns replaced; with `consistent`, the derived money columns follow the change.
function changed(row: Allocation, changes: Partial<Allocation>, consistent = false): Allocation {
  const next = { ...row, ...changes };
  if (!consistent) return next;
  const netProceedsUsd = next.proceedsUsd.minus(next.sellFeeUsd);
  const costBasisUsd = next.allocatedSize.times(next.buyPrice).plus(next.buyFeeUsd);
  return { ...next, netProceedsUsd, costBasisUsd, pnlUsd: netProceedsUsd.minus(costBasisUsd) };
}

function replaceRow(rows: readonly Allocation[], index: number, change: (row: Allocation) => Allocation) {
  return rows.map((row, position) => (position === index ? change(row) : row));
}

describe('verifyLedger', () => {
  it('when the engine wrote the rows then there is no error, only the warnings a reader must see', () => {
    const violations = verifyLedger(scenario, ledger.allocations, ledger.lots);

    expect(errors(violations)).toEqual([]);
    expect(violations.map((violation) => [violation.rule, violation.fillId])).toEqual([
      ['SHORTFALL', 's2'],
      ['UNVALUED_FEE', 'b4'],
      ['UNVALUED_QUOTE', 'x1'],
    ]);
    expect(violations[0]?.message).toBe(
      'sell fill s2 (main BTC/USD): 0.201 BTC disposed of beyond inventory (zero basis)',
    );
  });

  const rows = ledger.allocations;
  const lots = ledger.lots;
  const tampering: { name: string; rows: Allocation[]; lots: readonly Lot[]; rule: string }[] = [
    {
      name: 'a slice is lost',
      rows: rows.filter((_, index) => index !== 1),
      lots,
      rule: 'NOT_FULLY_ALLOCATED',
    },
    {
      name: 'a pnl is off by a cent',
      rows: replaceRow(rows, 0, (row) => changed(row, { pnlUsd: row.pnlUsd.plus('0.01') })),
      lots,
      rule: 'ROW_ARITHMETIC',
    },
    {
      name: 'a sell fee slice is changed consistently',
      rows: replaceRow(rows, 0, (row) =>
        changed(row, { sellFeeUsd: row.sellFeeUsd.plus('0.000000000000000001') }, true),
      ),
      lots,
      rule: 'FEE_NOT_CONSERVED',
    },
    {
      name: 'a buy fee slice is changed consistently on a consumed lot',
      rows: replaceRow(rows, 0, (row) => changed(row, { buyFeeUsd: row.buyFeeUsd.plus('0.01') }, true)),
      lots,
      rule: 'FEE_NOT_CONSERVED',
    },
    { name: 'an open lot is missing', rows, lots: lots.slice(1), rule: 'LOT_MISMATCH' },
    {
      name: 'an open lot holds too much',
      rows,
      lots: lots.map((lot) => ({ ...lot, remainingSize: lot.remainingSize.plus(1) })),
      rule: 'LOT_MISMATCH',
    },
    {
      name: 'two slices share an index',
      rows: replaceRow(rows, 4, (row) => changed(row, { sliceIndex: 0 })),
      lots,
      rule: 'SLICE_INDEXES',
    },
    {
      name: 'a term is wrong',
      rows: replaceRow(rows, 0, (row) => changed(row, { term: 'LONG' })),
      lots,
      rule: 'ROW_SHAPE',
    },
    {
      name: 'a row names an unknown fill',
      rows: replaceRow(rows, 0, (row) => changed(row, { sellFillId: 'ghost' })),
      lots,
      rule: 'ROW_SHAPE',
    },
  ];

  it.each(tampering)(
    'when $name then a $rule error is reported',
    ({ rows: tampered, lots: tamperedLots, rule }) => {
      const violations = errors(verifyLedger(scenario, tampered, tamperedLots));

      expect(violations.map((violation) => violation.rule)).toContain(rule);
    },
  );

  it('when a sell is short of allocations then the message names the fill and both quantities', () => {
    const [message] = errors(
      verifyLedger(
        scenario,
        rows.filter((row) => row.sellFillId !== 's1'),
        lots,
      ),
    )
      .filter((violation) => violation.rule === 'NOT_FULLY_ALLOCATED')
      .map((violation) => violation.message);

    expect(message).toBe('sell fill s1 (main BTC/USD): allocations dispose of 0 of 1.2 BTC');
  });

  it('when a fill cannot be read then it is reported, not thrown', () => {
    const broken = [...scenario, { ...scenario[0], id: 'bad', size: dec('-1') } as (typeof scenario)[number]];

    expect(
      errors(verifyLedger(broken, rows, lots)).map((violation) => [violation.rule, violation.fillId]),
    ).toEqual([['INVALID_FILL', 'bad']]);
  });
});

describe('state rebuilt from stored rows', () => {
  it('when lots are rebuilt from fills and allocations then they equal the engine state and resume identically', () => {
    const head = scenario.slice(0, 4);
    const engine = new FifoEngine();
    const stored = head.flatMap((fill) => engine.apply(fill).allocations);

    const rebuilt = ledgerStateFromRows(head, stored);

    expect(rebuilt.lots.map(lotStrings)).toEqual(engine.exportState().lots.map(lotStrings));
    expect(rebuilt.cursors.map((cursor) => [cursor.account, cursor.asset, cursor.fillId])).toEqual([
      ['main', 'BTC', 'b3'],
    ]);
    const resumed = FifoEngine.fromState(rebuilt);
    const tail = scenario.slice(4).flatMap((fill) => resumed.apply(fill).allocations);
    expect([...stored, ...tail]).toEqual(ledger.allocations);
  });
});

describe('stored rows against a recompute', () => {
  it('when the stored rows are what the engine writes then nothing differs', () => {
    expect(compareAllocations(ledger.allocations, recompute(scenario).allocations)).toEqual([]);
  });

  it('when a sell was matched to the wrong lot then the differing columns are named', () => {
    const swapped = replaceRow(ledger.allocations, 0, (row) => changed(row, { buyFillId: 'b2' }));

    expect(compareAllocations(swapped, ledger.allocations).map((violation) => violation.message)).toEqual([
      'allocation s1#0 differs: buy_fill_id b2 ≠ b1',
    ]);
  });

  it('when a row is missing or extra then both are reported', () => {
    const stored = [
      ...ledger.allocations.slice(1),
      changed(ledger.allocations[0] as Allocation, { sliceIndex: 9 }),
    ];

    expect(compareAllocations(stored, ledger.allocations).map((violation) => violation.message)).toEqual([
      'allocation s1#0 is missing',
      'allocation s1#9 should not exist',
    ]);
  });
});
