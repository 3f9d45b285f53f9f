// What every part of the exit executor works with, and the market reads they share.
import type { Clock } from '@hookline/core';
import type { ExchangePort, Market, QuoteSource, Ticker } from '@hookline/exchange';
import type { Store } from '@hookline/store';
import type { Logger } from 'pino';
import { isUsableQuote } from '../../execution/entry-order.js';
import type { OrderExecutor } from '../../execution/order-executor.js';
import type { RiskControls } from '../../execution/risk-snapshot.js';
import type { TradingEvents } from '../../notify/event-publisher.js';
import type { ExitExecutionSettings } from '../exit-settings.js';

/** The exit executor's dependencies. */
export interface ExitExecutorDependencies {
  readonly store: Store;
  readonly exchange: ExchangePort;
  /** The quote cache (the venue's ticker stream, REST as a bounded fallback). */
  readonly quotes: QuoteSource;
  /** Places, submits and cancels the orders (intent before send, unknown outcome handled). */
  readonly executor: Pick<OrderExecutor, 'writeIntent' | 'submit' | 'cancel'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: ExitExecutionSettings;
  /** The operator's switches as they apply to an exit on `symbol` (read at every order). */
  readonly controls: (symbol: string) => RiskControls | Promise<RiskControls>;
  /** A quote older than this holds back ordinary exits (emergency exits go on). */
  readonly maxQuoteAgeMs: number;
  /** Where a finished exit and an exit held at its cap are told (default: nowhere). */
  readonly events?: TradingEvents;
}

/** The symbol's market and a usable quote (valid bid and ask, not crossed), or what is missing. */
export type MarketRead =
  | { readonly ok: true; readonly market: Market; readonly ticker: Ticker }
  | {
      readonly ok: false;
      readonly code: 'MARKET_UNAVAILABLE' | 'PRICE_UNAVAILABLE';
      readonly ticker?: Ticker;
    };

/**
 * Reads the market rules of `symbol` and its quote from the quote cache; a failed read is a missing
 * price, never a guess. A frozen feed's quote is returned with its flag (the exit gate's market data
 * rule then holds ordinary exits back, as for a stale quote).
 */
export async function readMarket(
  deps: Pick<ExitExecutorDependencies, 'exchange' | 'quotes'>,
  symbol: string,
): Promise<MarketRead> {
  const markets = await deps.quotes.readMarkets();
  const market = markets.find((candidate) => candidate.symbol === symbol);
  if (market === undefined || !market.active) return { ok: false, code: 'MARKET_UNAVAILABLE' };
  const read = await deps.quotes.readQuotes([symbol]).catch(() => undefined);
  const ticker = read?.get(symbol);
  if (ticker === undefined || typeof ticker === 'string') return { ok: false, code: 'PRICE_UNAVAILABLE' };
  if (!isUsableQuote(ticker)) return { ok: false, code: 'PRICE_UNAVAILABLE', ticker };
  return { ok: true, market, ticker };
}
