// Golden results: the engine's output over generated fills, hashed, so any change to what apply()
// returns (digits of any column, rows, lots, warnings) fails here. Recorded before the engine's
// hot path was optimised; an intended semantic change must update these hashes deliberately.
import { createHash } from 'node:crypto';
import { toPlainString } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { SeededFillSource } from '../../../test/support/seeded-fills.js';
import { FifoEngine, type LedgerFill, type LedgerOptions, toAllocationRecord } from '../src/index.js';
import { irregular } from './support/irregular-fills.js';

function digest(fills: readonly LedgerFill[], options: LedgerOptions = {}): string {
  const engine = new FifoEngine(options);
  const hash = createHash('sha256');
  for (const fill of fills) {
    const { allocations, warnings } = engine.apply(fill);
    hash.update(JSON.stringify(allocations.map(toAllocationRecord)));
    hash.update(
      JSON.stringify(
        warnings.map((warning) => ({
          ...warning,
          quantity: warning.quantity === undefined ? undefined : toPlainString(warning.quantity),
        })),
      ),
    );
  }
  const lots = engine.allOpenLots().map((lot) => ({
    ...lot,
    buyTime: lot.buyTime.toISOString(),
    buySequence: String(lot.buySequence),
    price: toPlainString(lot.price),
    size: toPlainString(lot.size),
    remainingSize: toPlainString(lot.remainingSize),
    feeUsd: toPlainString(lot.feeUsd),
    remainingFeeUsd: toPlainString(lot.remainingFeeUsd),
    feesPerUnit: toPlainString(lot.feesPerUnit),
  }));
  hash.update(JSON.stringify(lots));
  return hash.digest('hex');
}

const golden: Record<string, string> = {
  'seed 1': '498112592ab15f2b5d3bc5b8115e1b8d86902ad97c85222c761726ee1a042df4',
  'seed 2': '1a0ae695c8944dc9e21ffc7c9c9c01187aff7de371530d0b430f1047a23e65bb',
  'seed 3': 'de24cda52ddf229286081f1b3982105cbee981779817058037e419af8d3d33cb',
  'seed 4 irregular': 'cbea2780005ec52752b16d072b90f70209d274e64107fa8fdd2ee035973800da',
  'seed 5 New York': '100f056e1f012120b89a303f693a3369a8bac79e95c49b3fb6cb9bfe526ac87b',
};

describe('golden engine results', () => {
  it.each([1, 2, 3])(
    'when 20,000 benchmark fills of seed %i are applied then the results are unchanged',
    (seed) => {
      expect(digest(new SeededFillSource(seed).take(20_000))).toBe(golden[`seed ${seed}`]);
    },
  );

  it('when irregular fills are applied then the results are unchanged', () => {
    expect(digest(irregular(new SeededFillSource(4).take(20_000)))).toBe(golden['seed 4 irregular']);
  });

  it('when a non-UTC timezone decides the term then the results are unchanged', () => {
    const fills = new SeededFillSource(5).take(20_000).map((fill, index) => ({
      ...fill,
      executedAt: new Date(fill.executedAt.getTime() + index * 3_600_000),
    }));
    expect(digest(fills, { timezone: 'America/New_York' })).toBe(golden['seed 5 New York']);
  });
});
