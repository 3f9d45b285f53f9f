// `ledger sync`'s loop: pages of the exchange's fill history (ExchangePort.fetchFillsSince, in
// sequence, through the adapter's gateway and its budgets and breakers) into the ledger, the
// position stored after each committed page. A run stopped anywhere and started again continues
// after the last committed page; a page read twice only yields duplicates, so the ledger ends the
// same as after one uninterrupted run.
import type { Clock } from '@hookline/core';
import type { ExchangePort, Fill, FillCursor } from '@hookline/exchange';
import { defaultUsdCurrencies, type LedgerOptions } from '@hookline/ledger';
import {
  clearLedgerSyncCursor,
  type LedgerSyncKey,
  type LedgerSyncPosition,
  readLedgerSyncCursor,
  type Store,
  saveLedgerSyncCursor,
} from '@hookline/store';
import { type FeePriceSource, FeePrices } from './fee-prices.js';
import { recordSyncedFills } from './synced-fills.js';

/** The exchange as the sync reads it: its fills, a cursor at a time, and its prices for fees. */
export type FillHistorySource = Pick<ExchangePort, 'name' | 'fetchFillsSince'> &
  FeePriceSource & {
    fillCursorAt(time: Date): FillCursor;
  };

/** What to sync. */
export interface FillSyncRequest {
  readonly account: string;
  /** One market (canonical or venue form), or undefined for every market. */
  readonly symbol: string | undefined;
  /** Where to start when no position is stored (or `restart`); undefined: a stored one is required. */
  readonly since: Date | undefined;
  readonly restart: boolean;
  /** Fills per page (the adapter may return fewer). */
  readonly pageSize: number;
}

/** What a sync did, and where the next one resumes. */
export interface FillSyncReport {
  readonly key: LedgerSyncKey;
  pages: number;
  fetched: number;
  inserted: number;
  duplicates: number;
  /** Fees paid in a third asset valued at the venue's price of the minute. */
  feesValued: number;
  /** Fills whose third-asset fee the venue could not price (stored flagged as unvalued). */
  readonly unvaluedFees: Fill[];
  /** True when --since was given but a stored position decided the start. */
  readonly sinceIgnored: boolean;
  /** The stored position after the run (undefined when nothing was stored). */
  resumesAt: LedgerSyncPosition | undefined;
  /** The exchange or database failure that stopped the run; committed pages stay. */
  failure: unknown;
}

/** Everything the loop uses. */
export interface FillSyncContext {
  readonly store: Store;
  readonly exchange: FillHistorySource;
  readonly clock: Clock;
  readonly ledger: LedgerOptions;
}

/** Thrown before any read when there is no stored position and no --since. */
export class NoStartError extends Error {}

/** Syncs one (account, exchange, symbol) history; an error after the start is reported, not thrown. */
export async function syncFillHistory(
  context: FillSyncContext,
  request: FillSyncRequest,
): Promise<FillSyncReport> {
  const { store, exchange, clock } = context;
  const prices = new FeePrices(exchange, context.ledger.usdCurrencies ?? [...defaultUsdCurrencies]);
  const key = { account: request.account, exchange: exchange.name, symbol: request.symbol ?? '*' };
  if (request.restart && request.since === undefined) {
    throw new NoStartError(`--restart starts again from --since: give --since`);
  }
  if (request.restart) await clearLedgerSyncCursor(store, key);
  const stored = await readLedgerSyncCursor(store, key);
  const report: FillSyncReport = {
    key,
    pages: 0,
    fetched: 0,
    inserted: 0,
    duplicates: 0,
    feesValued: 0,
    unvaluedFees: [],
    sinceIgnored: stored !== undefined && request.since !== undefined,
    resumesAt: stored,
    failure: undefined,
  };
  if (stored === undefined && request.since === undefined) {
    throw new NoStartError(`no stored position for ${describeKey(key)}: give --since`);
  }
  let position: LedgerSyncPosition = stored ?? {
    cursor: exchange.fillCursorAt(request.since as Date),
    lastTradeId: undefined,
    lastFillAt: undefined,
  };
  try {
    for (;;) {
      const page = await exchange.fetchFillsSince({
        cursor: position.cursor,
        limit: request.pageSize,
        ...(request.symbol === undefined ? {} : { symbol: request.symbol }),
      });
      report.pages += 1;
      report.fetched += page.fills.length;
      if (page.fills.length > 0) {
        const fees = await prices.value(page.fills);
        const result = await recordSyncedFills(store, key, page.fills, {
          clock,
          ledger: context.ledger,
          feeUsd: fees.feeUsd,
        });
        report.feesValued += fees.feeUsd.size;
        report.unvaluedFees.push(...fees.unvalued);
        report.inserted += result.inserted;
        report.duplicates += result.duplicates;
      }
      const last = page.fills.at(-1);
      const next =
        last === undefined
          ? { ...position, cursor: page.nextCursor }
          : {
              cursor: page.nextCursor,
              lastTradeId: last.tradeId,
              lastFillAt: last.executedAt,
            };
      if (report.resumesAt === undefined || next.cursor !== position.cursor) {
        await saveLedgerSyncCursor(store, key, next, clock.now());
        report.resumesAt = next;
      }
      position = next;
      if (!page.hasMore || page.fills.length === 0) return report;
    }
  } catch (error) {
    report.failure = error;
    return report;
  }
}

/** `account on exchange (symbol)` for messages. */
export function describeKey(key: LedgerSyncKey): string {
  return `${key.account} on ${key.exchange}${key.symbol === '*' ? '' : ` (${key.symbol})`}`;
}
