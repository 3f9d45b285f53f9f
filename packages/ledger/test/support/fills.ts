// Builders for readable ledger tests: fills from short strings, results as exact decimal strings.
import { dec } from '@hookline/core';
import {
  type Allocation,
  type AllocationRecord,
  type LedgerFill,
  type Lot,
  toAllocationRecord,
} from '../../src/index.js';

/** What a test states about a fill; everything else gets a default. */
export interface FillSpec {
  readonly id: string;
  readonly side: 'buy' | 'sell';
  readonly size: string;
  readonly price: string;
  /** ISO-8601 with offset; default: one minute after the previous spec, from 2024-01-01T00:00Z. */
  readonly at?: string;
  readonly fee?: string;
  readonly feeCurrency?: string;
  readonly feeUsd?: string;
  readonly symbol?: string;
  readonly account?: string;
  readonly sequence?: number;
}

/** Fills from specs: sequence = position unless given, order id = `o-<id>`. */
export function fills(...specs: FillSpec[]): LedgerFill[] {
  const start = Date.parse('2024-01-01T00:00:00Z');
  return specs.map((spec, index) => {
    const symbol = spec.symbol ?? 'BTC/USD';
    return {
      id: spec.id,
      account: spec.account ?? 'main',
      exchange: 'coinbase',
      tradeId: `t-${spec.id}`,
      orderId: `o-${spec.id}`,
      symbol,
      side: spec.side,
      price: dec(spec.price),
      size: dec(spec.size),
      fee: dec(spec.fee ?? '0'),
      feeCurrency: spec.feeCurrency ?? symbol.split('/')[1] ?? 'USD',
      feeUsd: spec.feeUsd === undefined ? null : dec(spec.feeUsd),
      executedAt: new Date(spec.at ?? start + index * 60_000),
      sequence: spec.sequence ?? index,
    };
  });
}

/** The columns a test usually checks, as exact strings. */
export function money(allocation: Allocation) {
  const record = toAllocationRecord(allocation);
  return {
    key: `${record.sell_fill_id}#${record.slice_index}`,
    kind: record.kind,
    buy: record.buy_fill_id,
    size: record.allocated_size,
    buyFee: record.buy_fee_usd,
    sellFee: record.sell_fee_usd,
    cost: record.cost_basis_usd,
    proceeds: record.proceeds_usd,
    net: record.net_proceeds_usd,
    pnl: record.pnl_usd,
  };
}

/** Every column of every row as strings: what "identical allocations" means. */
export function records(allocations: readonly Allocation[]): AllocationRecord[] {
  return allocations.map(toAllocationRecord);
}

/** An open lot as exact strings. */
export function lotStrings(lot: Lot) {
  return {
    buy: lot.buyFillId,
    remaining: lot.remainingSize.toFixed(),
    remainingFee: lot.remainingFeeUsd.toFixed(),
    feesPerUnit: lot.feesPerUnit.toFixed(),
  };
}
