// The system's quote cache, built from the configuration, with the operator alert of a frozen feed.
import type { Clock } from '@hookline/core';
import { type ExchangePort, MarketQuotes } from '@hookline/exchange';
import type { Config } from '@hookline/schemas';
import type { Logger } from 'pino';
import type { TradingEvents } from '../notify/event-publisher.js';
import { dataFrozenEvent } from '../notify/trading-event.js';

/**
 * The quote cache over the exchange's ticker stream (HOOKLINE_QUOTE_* keys). A frozen feed raises
 * the operator alert: a `quote.frozen` warning once when it freezes (and `quote.thawed` when its
 * price moves again), and hookline_quote_frozen{symbol} while it lasts.
 */
export function quoteSourceFromConfig(
  config: Config,
  exchange: ExchangePort,
  clock: Clock,
  logger: Logger,
  events?: TradingEvents,
): MarketQuotes {
  const log = logger.child({ component: 'quotes' });
  return new MarketQuotes({
    exchange,
    clock,
    settings: {
      fallbackRequestsPerSecond: Number(config.HOOKLINE_QUOTE_FALLBACK_RPS),
      streamMaxAgeMs: config.HOOKLINE_QUOTE_STREAM_MAX_AGE_MS,
      frozenAfterMs: config.HOOKLINE_QUOTE_FROZEN_AFTER_MS,
    },
    onFrozen: (symbol, quote) => {
      events?.publish(
        dataFrozenEvent({
          symbol,
          bid: quote.bid,
          ask: quote.ask,
          quoteTime: quote.exchangeTime,
          at: clock.now(),
        }),
      );
      log.warn(
        {
          event: 'quote.frozen',
          symbol,
          bid: quote.bid.toString(),
          ask: quote.ask.toString(),
          source: quote.source,
          exchangeTime: quote.exchangeTime.toISOString(),
          frozenAfterMs: config.HOOKLINE_QUOTE_FROZEN_AFTER_MS,
        },
        `the ${symbol} quote feed is frozen: entries are blocked and exits hold until it moves`,
      );
    },
    onThawed: (symbol) => log.info({ event: 'quote.thawed', symbol }, `the ${symbol} quote feed moves again`),
    onStreamError: (error) =>
      log.warn(
        { err: error, event: 'quote.stream_unavailable' },
        'ticker stream not opened; quotes over REST',
      ),
  });
}
