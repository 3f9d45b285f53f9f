import { decimalInput, instantInput } from '../json-inputs.js';
import type { AccountValuation } from './account-valuation.js';
import { hasValidPrices, quoteAgeMs } from './quote-age.js';
import type { ExchangeHealth, Quote } from './risk-state.js';
import { pass, type RuleResult, refuse } from './risk-verdict.js';

/**
 * Entries: OFFLINE (either breaker open) refuses: no fresh quote or no order could reach the
 * exchange. DEGRADED still trades.
 */
export function checkExchangeCircuit(health: ExchangeHealth): RuleResult {
  const inputs = { exchangeHealth: health };
  if (health === 'OFFLINE') return refuse('CIRCUIT_OFFLINE', 'the exchange circuit is OFFLINE', inputs);
  return pass(inputs);
}

/**
 * Exits read the orders breaker only. OFFLINE refuses an ordinary exit (the sentinel asks again next
 * sweep); a hard stop or emergency exit goes on: the adapter lets one urgent order through an OPEN
 * orders breaker as a probe per sweep, so a stop-loss is tried every sweep, never held for the whole
 * OPEN period.
 */
export function checkOrderCircuitForExit(health: ExchangeHealth, emergency: boolean): RuleResult {
  const inputs = { orderCircuitHealth: health };
  if (health !== 'OFFLINE') return pass(inputs);
  if (emergency) return pass({ ...inputs, emergencyExit: true, urgentProbe: true });
  return refuse('CIRCUIT_OFFLINE', 'the exchange orders circuit is OFFLINE', inputs);
}

/** The symbol's quote must exist and be at most maxAgeMs old (15 000 ms passes, 15 001 ms does not). */
export function checkQuoteFreshness(
  symbol: string,
  quote: Quote | undefined,
  now: Date,
  maxAgeMs: number,
): RuleResult {
  if (quote === undefined) {
    return refuse('STALE_MARKET_DATA', `no market data for ${symbol}`, {
      symbol,
      now: instantInput(now),
      maxQuoteAgeMs: maxAgeMs,
      quoteAgeMs: null,
    });
  }
  const ageMs = quoteAgeMs(quote, now);
  const inputs = {
    symbol,
    now: instantInput(now),
    exchangeTime: instantInput(quote.exchangeTime),
    receivedAt: instantInput(quote.receivedAt),
    quoteAgeMs: ageMs,
    maxQuoteAgeMs: maxAgeMs,
    ...(quote.frozen === true ? { frozen: true } : {}),
  };
  if (quote.frozen === true) {
    return refuse(
      'STALE_MARKET_DATA',
      `market data for ${symbol} is frozen: the price has not changed and its stream is silent`,
      inputs,
    );
  }
  if (!(ageMs <= maxAgeMs)) {
    return refuse(
      'STALE_MARKET_DATA',
      `market data for ${symbol} is ${ageMs} ms old (max ${maxAgeMs} ms)`,
      inputs,
    );
  }
  return pass(inputs);
}

/**
 * The entry's own quote must carry positive prices, and every held non-dust position must have a
 * fresh valid price: otherwise equity is unknown, and the rules after this one (daily loss,
 * position size) would be computed from a guess. There is no fallback price, by design.
 */
export function checkPricesAvailable(
  symbol: string,
  quote: Quote | undefined,
  valuation: AccountValuation,
): RuleResult {
  const inputs = {
    symbol,
    bid: quote === undefined ? null : decimalInput(quote.bid),
    ask: quote === undefined ? null : decimalInput(quote.ask),
    unpricedSymbols: valuation.known ? [] : [...valuation.unpricedSymbols],
  };
  if (quote === undefined || !hasValidPrices(quote)) {
    return refuse('PRICE_UNAVAILABLE', `${symbol} has no valid bid/ask`, inputs);
  }
  if (!valuation.known) {
    const symbols = valuation.unpricedSymbols.join(', ');
    return refuse('PRICE_UNAVAILABLE', `no fresh valid price for held ${symbols}: equity is unknown`, inputs);
  }
  return pass(inputs);
}
