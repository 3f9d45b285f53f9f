import { dec, HooklineError } from '@hookline/core';
import {
  canonicalSymbol,
  defaultPaperMarkets,
  type PaperMarketSpec,
  SymbolResolver,
} from '@hookline/exchange';

const known = new SymbolResolver(defaultPaperMarkets.map((spec) => spec.market));

/**
 * The paper markets a replay needs: the default spec of a known symbol (BTC/USD, ETH/USD, SOL/USD,
 * with Coinbase-like rules), otherwise a generic one (tick and step 1e-8, minimum notional 1 quote
 * unit, deep levels) so any symbol of a tick file can be replayed.
 */
export function replayMarketSpecs(symbols: readonly string[]): PaperMarketSpec[] {
  const specs = new Map<string, PaperMarketSpec>();
  for (const raw of symbols) {
    const market = known.find(raw);
    const symbol = market?.symbol ?? canonicalOrThrow(raw);
    if (specs.has(symbol)) continue;
    specs.set(
      symbol,
      defaultPaperMarkets.find((spec) => spec.market.symbol === symbol) ?? genericSpec(symbol),
    );
  }
  return [...specs.values()];
}

function canonicalOrThrow(raw: string): string {
  const parts = raw.trim().split(/[/-]/);
  const [base = '', quote = ''] = parts;
  if (parts.length === 2 && /^[A-Za-z0-9]+$/.test(base) && /^[A-Za-z0-9]+$/.test(quote)) {
    return canonicalSymbol(base, quote);
  }
  throw new HooklineError('INVALID_ARGUMENT', `"${raw}" is not a symbol like BTC/USD or BTC-USD`, {
    context: { symbol: raw },
  });
}

function genericSpec(symbol: string): PaperMarketSpec {
  const [base = '', quote = ''] = symbol.split('/');
  return {
    market: {
      symbol,
      base,
      quote,
      exchangeSymbol: `${base}-${quote}`,
      priceTick: dec('0.00000001'),
      amountStep: dec('0.00000001'),
      minAmount: dec('0.00000001'),
      minNotional: dec('1'),
      active: true,
    },
    spreadBps: dec('2'),
    levelSize: dec('1000000'),
    walk: {
      initialPrice: dec('1'),
      volatilityPerSqrtSecond: 0,
      driftPerSecond: 0,
      jumpProbabilityPerStep: 0,
      jumpSize: 0,
    },
  };
}
