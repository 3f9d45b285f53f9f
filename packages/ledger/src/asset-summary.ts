// Per-asset summary of a tax year's disposals: how many, proceeds, cost and gain split by term.
// Exact decimal strings (nothing rounded here).
import { type Decimal, toPlainString, ZERO } from '@hookline/core';
import type { Allocation } from './types.js';

/** One asset's disposals of the year. Shortfalls (no term) count as short-term. */
export interface AssetSummary {
  readonly asset: string;
  readonly disposals: number;
  readonly proceeds_usd: string;
  readonly cost_basis_usd: string;
  readonly short_term_gain_usd: string;
  readonly long_term_gain_usd: string;
  readonly gain_usd: string;
}

/** The year's rows (taxReportRows) summed per asset, by asset name. */
export function assetSummaries(rows: readonly Allocation[]): AssetSummary[] {
  const byAsset = new Map<
    string,
    { count: number; proceeds: Decimal; cost: Decimal; short: Decimal; long: Decimal }
  >();
  for (const row of rows) {
    const sums = byAsset.get(row.asset) ?? { count: 0, proceeds: ZERO, cost: ZERO, short: ZERO, long: ZERO };
    const long = row.term === 'LONG';
    byAsset.set(row.asset, {
      count: sums.count + 1,
      proceeds: sums.proceeds.plus(row.netProceedsUsd),
      cost: sums.cost.plus(row.costBasisUsd),
      short: long ? sums.short : sums.short.plus(row.pnlUsd),
      long: long ? sums.long.plus(row.pnlUsd) : sums.long,
    });
  }
  return [...byAsset.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([asset, sums]) => ({
      asset,
      disposals: sums.count,
      proceeds_usd: toPlainString(sums.proceeds),
      cost_basis_usd: toPlainString(sums.cost),
      short_term_gain_usd: toPlainString(sums.short),
      long_term_gain_usd: toPlainString(sums.long),
      gain_usd: toPlainString(sums.short.plus(sums.long)),
    }));
}
