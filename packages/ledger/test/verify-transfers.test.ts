import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import {
  type Allocation,
  type LedgerTransfer,
  type LedgerViolation,
  recompute,
  verifyLedger,
} from '../src/index.js';
import { fills } from './support/fills.js';

function transfer(id: string, quantity: string, at: string, fee = '0'): LedgerTransfer {
  return {
    id,
    fromAccount: 'A',
    toAccount: 'B',
    asset: 'BTC',
    quantity: dec(quantity),
    feeQuantity: dec(fee),
    feePriceUsd: fee === '0' ? null : dec('150'),
    executedAt: new Date(at),
    sequence: 1,
  };
}

// A buys twice (one buy with a fee), moves 1.5 BTC to B paying 0.01 BTC network fee, B sells 1.2.
const history = fills(
  { id: 'a1', account: 'A', side: 'buy', size: '1', price: '100', fee: '3', at: '2023-01-10T00:00:00Z' },
  { id: 'a2', account: 'A', side: 'buy', size: '1', price: '200', at: '2023-06-01T00:00:00Z' },
  { id: 's', account: 'B', side: 'sell', size: '1.2', price: '500', fee: '1', at: '2024-03-01T00:00:00Z' },
);
const transfers = [transfer('t1', '1.5', '2024-01-01T00:00:00Z', '0.01')];
const ledger = recompute(history, {}, transfers);
const errors = (violations: LedgerViolation[]) => violations.filter((v) => v.severity === 'error');
const verify = (rows: readonly Allocation[], lots = ledger.lots) =>
  errors(verifyLedger(history, rows, lots, {}, transfers));

describe('ledger verify over transfers', () => {
  it('when a ledger with a transfer, its network fee and a sale of moved units is verified then it has no errors', () => {
    expect(ledger.allocations.map((row) => row.kind)).toEqual([
      'TRANSFER',
      'TRANSFER',
      'FEE_DISPOSAL',
      'SELL',
      'SELL',
    ]);
    expect(verify(ledger.allocations)).toEqual([]);
  });

  it('when the transfers are not given then the transfer rows are reported as unknown', () => {
    expect(errors(verifyLedger(history, ledger.allocations, ledger.lots)).map((v) => v.rule)).toContain(
      'ROW_SHAPE',
    );
  });

  const tampered: Array<{ what: string; change: (rows: Allocation[]) => Allocation[]; rule: string }> = [
    {
      what: 'a TRANSFER row is lost',
      change: (rows) => rows.filter((row) => !(row.kind === 'TRANSFER' && row.sliceIndex === 1)),
      rule: 'NOT_FULLY_ALLOCATED',
    },
    {
      what: 'the network fee row is lost',
      change: (rows) => rows.filter((row) => row.kind !== 'FEE_DISPOSAL'),
      rule: 'NOT_FULLY_ALLOCATED',
    },
    {
      what: 'a TRANSFER row shows a gain',
      change: (rows) =>
        rows.map((row) =>
          row.kind === 'TRANSFER' && row.sliceIndex === 0
            ? {
                ...row,
                proceedsUsd: row.proceedsUsd.plus(1),
                netProceedsUsd: row.netProceedsUsd.plus(1),
                pnlUsd: dec(1),
              }
            : row,
        ),
      rule: 'ROW_ARITHMETIC',
    },
    {
      what: 'a TRANSFER row names the destination as its account',
      change: (rows) =>
        rows.map((row) => (row.kind === 'TRANSFER' && row.sliceIndex === 0 ? { ...row, account: 'B' } : row)),
      rule: 'ROW_SHAPE',
    },
    {
      what: "a sale in B consumes a moved lot but loses the lot's transfer reference",
      change: (rows) =>
        rows.map((row) =>
          row.kind === 'SELL' && row.sliceIndex === 0
            ? { ...row, lotTransferId: null, lotSliceIndex: null }
            : row,
        ),
      rule: 'ROW_SHAPE',
    },
    {
      what: 'a sale of moved units is doubled',
      change: (rows) => [
        ...rows,
        ...rows
          .filter((row) => row.kind === 'SELL' && row.sliceIndex === 1)
          .map((row) => ({ ...row, sliceIndex: 2 })),
      ],
      rule: 'LOT_MISMATCH',
    },
  ];
  it.each(tampered)('when $what then verify reports $rule', ({ change, rule }) => {
    expect(verify(change([...ledger.allocations])).map((v) => v.rule)).toContain(rule);
  });
});
