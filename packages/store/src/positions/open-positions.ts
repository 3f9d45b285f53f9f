// The one answer to "which positions are open". A position is not a table: it is the open FIFO lots
// of an (account, symbol) — buy fills quoted in a USD currency minus every allocation drawn from them,
// and lots that arrived by transfer (TRANSFER rows, at the destination) minus what was drawn from them
// (the same arithmetic as the open_lots view, with the store's configured USD currencies instead of
// the view's fixed USD/USDC/USDT). Every reader (sentinel, risk gate, API, replay, sighook) uses
// this query and its one dust rule.
import { type Decimal, dec, ZERO } from '@hookline/core';
import type { Market } from '@hookline/exchange';
import { clientOf, type Store } from '../store.js';

/** One open position: the open lots of an (account, symbol) summed. */
export interface OpenPosition {
  readonly account: string;
  readonly symbol: string;
  /** The base asset (`BTC` of `BTC/USD`), upper case. */
  readonly base: string;
  readonly amount: Decimal;
  /** What the open lots cost, buy fees included (USD). */
  readonly costBasis: Decimal;
  /** costBasis / amount: what P&L is measured against. */
  readonly averageCost: Decimal;
  /** How many buy fills still have a remainder. */
  readonly lots: number;
  /** Buy time of the oldest open lot. */
  readonly entryTimeMs: number;
  /**
   * Dust: below the market's minimum order amount, so the exchange would refuse any sell of it. Such a
   * position is never sold automatically and does not count against the position cap. False when
   * the market is not known.
   */
  readonly dust: boolean;
  /** The market, when one was given for the symbol. */
  readonly market: Market | undefined;
}

/** Which open positions to read. */
export interface OpenPositionsQuery {
  /** One account, or every account. */
  readonly account?: string | undefined;
  /** One symbol, or every symbol. */
  readonly symbol?: string | undefined;
  /** The exchange's markets: they decide dust and the base asset. */
  readonly markets?: readonly Market[] | undefined;
}

interface OpenLotSum {
  readonly account: string;
  readonly symbol: string;
  readonly amount: string;
  readonly cost: string;
  readonly lots: number;
  readonly entry: Date;
}

/** The open positions, ordered by account and symbol. */
export async function readOpenPositions(store: Store, query: OpenPositionsQuery): Promise<OpenPosition[]> {
  const account = query.account ?? null;
  const symbol = query.symbol ?? null;
  const usd = [...store.usdCurrencies];
  const rows = await clientOf(store).$queryRaw<OpenLotSum[]>`
    WITH lots AS (
      SELECT f.account, f.symbol, f.size - COALESCE(a.allocated_size, 0) AS remaining,
             (f.size - COALESCE(a.allocated_size, 0)) * f.price
               + (COALESCE(f.fee_usd, 0) - COALESCE(a.buy_fee_usd, 0)) AS cost,
             f.executed_at AS entry
      FROM fills f
      LEFT JOIN (
        SELECT buy_fill_id, SUM(allocated_size) AS allocated_size, SUM(buy_fee_usd) AS buy_fee_usd
        FROM fifo_allocations WHERE buy_fill_id IS NOT NULL AND lot_transfer_id IS NULL
        GROUP BY buy_fill_id
      ) a ON a.buy_fill_id = f.id
      WHERE f.side = 'BUY' AND split_part(f.symbol, '/', 2) = ANY(${usd}::text[])
        AND (${account}::text IS NULL OR f.account = ${account})
        AND (${symbol}::text IS NULL OR f.symbol = ${symbol})
      UNION ALL
      -- A lot that arrived by transfer: its TRANSFER row, held by the destination account.
      SELECT t.to_account, m.symbol, m.allocated_size - COALESCE(c.allocated_size, 0),
             (m.allocated_size - COALESCE(c.allocated_size, 0)) * m.buy_price
               + (m.buy_fee_usd - COALESCE(c.buy_fee_usd, 0)),
             m.buy_time
      FROM fifo_allocations m
      JOIN transfers t ON t.id = m.transfer_id
      LEFT JOIN (
        SELECT lot_transfer_id, lot_slice_index, SUM(allocated_size) AS allocated_size,
               SUM(buy_fee_usd) AS buy_fee_usd
        FROM fifo_allocations WHERE lot_transfer_id IS NOT NULL
        GROUP BY lot_transfer_id, lot_slice_index
      ) c ON c.lot_transfer_id = m.transfer_id AND c.lot_slice_index = m.slice_index
      WHERE m.kind::text = 'TRANSFER' AND split_part(m.symbol, '/', 2) = ANY(${usd}::text[])
        AND (${account}::text IS NULL OR t.to_account = ${account})
        AND (${symbol}::text IS NULL OR m.symbol = ${symbol})
    )
    SELECT account, symbol, SUM(remaining)::text AS amount, SUM(cost)::text AS cost,
           COUNT(*)::int AS lots, MIN(entry) AS entry
    FROM lots WHERE remaining > 0
    GROUP BY account, symbol ORDER BY account, symbol`;
  const markets = new Map((query.markets ?? []).map((market) => [market.symbol, market]));
  return rows.map((row) => toOpenPosition(row, markets.get(row.symbol)));
}

/**
 * The account's ledger version (table ledger_versions, bumped by triggers in every transaction that
 * writes its fills, allocations or transfers; "0" before its first write). Read it BEFORE the open
 * positions: while it stays the same, what was read is still the ledger.
 */
export async function readLedgerVersion(store: Store, account: string): Promise<string> {
  const rows = await clientOf(store).$queryRaw<Array<{ version: string }>>`
    SELECT version::text AS version FROM ledger_versions WHERE account = ${account}`;
  return rows[0]?.version ?? '0';
}

function toOpenPosition(row: OpenLotSum, market: Market | undefined): OpenPosition {
  const amount = dec(row.amount);
  const costBasis = dec(row.cost);
  return {
    account: row.account,
    symbol: row.symbol,
    base: (market?.base ?? row.symbol.split('/')[0] ?? row.symbol).toUpperCase(),
    amount,
    costBasis,
    averageCost: amount.isZero() ? ZERO : costBasis.dividedBy(amount),
    lots: row.lots,
    entryTimeMs: row.entry.getTime(),
    dust: isDust(amount, market),
    market,
  };
}

/** The dust rule: an amount the market would refuse to sell (below its minimum order amount). */
export function isDust(amount: Decimal, market: Market | undefined): boolean {
  return market !== undefined && amount.lessThan(market.minAmount);
}

/** Whether the account holds any open lot of the symbol (one indexed probe, for entry checks). */
export async function holdsPosition(
  store: Store,
  query: { readonly account: string; readonly symbol: string },
): Promise<boolean> {
  const positions = await readOpenPositions(store, query);
  return positions.length > 0;
}

/** One open lot: a buy fill with what remains of it. Decimals as exact text. */
export interface OpenLot {
  readonly buyFillId: string;
  readonly buyTime: Date;
  readonly buyPrice: string;
  readonly lotSize: string;
  readonly remainingSize: string;
  readonly remainingCostUsd: string;
}

/**
 * The open lots of `symbol` in `account`, oldest first (the order FIFO sells them in): what the
 * dashboard's position page lists, read from the open_lots view.
 */
export async function readOpenLots(
  store: Store,
  query: { readonly account: string; readonly symbol: string },
): Promise<OpenLot[]> {
  return await clientOf(store).$queryRaw<OpenLot[]>`
    SELECT buy_fill_id AS "buyFillId", buy_time AS "buyTime", buy_price::text AS "buyPrice",
           lot_size::text AS "lotSize", remaining_size::text AS "remainingSize",
           remaining_cost_basis_usd::text AS "remainingCostUsd"
    FROM open_lots WHERE account = ${query.account} AND symbol = ${query.symbol}
    ORDER BY buy_time, buy_fill_id`;
}
