import { HooklineError } from '@hookline/core';
import { type ExchangePort, SymbolResolver } from '@hookline/exchange';

/**
 * The symbols of HOOKLINE_SIGHOOK_SYMBOLS as the exchange names them (`btc-usd` → `BTC/USD`), in the
 * order given, each once. An unknown or inactive market stops the start: a typo must not leave a
 * symbol silently without a matrix. Every bad symbol is named at once.
 */
export async function resolveSymbolUniverse(
  exchange: Pick<ExchangePort, 'fetchMarkets' | 'name'>,
  symbols: readonly string[],
): Promise<readonly string[]> {
  const resolver = new SymbolResolver(await exchange.fetchMarkets());
  const resolved: string[] = [];
  const problems: string[] = [];
  for (const text of symbols) {
    const market = resolver.find(text);
    if (market === undefined) problems.push(`"${text}" is not a market of ${exchange.name}`);
    else if (!market.active) problems.push(`"${text}" (${market.symbol}) is not active on ${exchange.name}`);
    else if (!resolved.includes(market.symbol)) resolved.push(market.symbol);
  }
  if (problems.length > 0) {
    throw new HooklineError('CONFIG_INVALID', `HOOKLINE_SIGHOOK_SYMBOLS: ${problems.join('; ')}`, {
      context: { symbols: [...symbols], exchange: exchange.name },
    });
  }
  return resolved;
}
