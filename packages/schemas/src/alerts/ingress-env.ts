import { z } from 'zod';
import { type AddressRule, parseAddressRule } from './address-rules.js';
import type { SymbolOverrides } from './tradingview-ticker.js';

const LIST_SEPARATORS = /[\s,]+/;
const OVERRIDE_KEY = /^(?:[A-Z0-9_]+:)?[A-Z0-9._/-]+$/;
const MARKET = /^[A-Z0-9]{2,15}\/[A-Z0-9]{2,15}$/;

/** Environment value: addresses or IPv4 networks separated by commas or spaces (`1.2.3.4, 10.0.0.0/8`). */
export const envAddressRules = z.string().transform((text, context): readonly AddressRule[] => {
  const words = text.split(LIST_SEPARATORS).filter((word) => word.length > 0);
  const rules = words.map(parseAddressRule);
  const invalid = words.filter((_, index) => rules[index] === undefined);
  if (invalid.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `not an IP address or IPv4 network: ${invalid.join(', ')}`,
    });
    return z.NEVER;
  }
  return Object.freeze(rules.filter((rule) => rule !== undefined));
});

/** Environment value: `TICKER=BASE/QUOTE` pairs separated by commas (`XBTUSD=BTC/USD,COINBASE:ETHUSD=ETH/USD`). */
export const envSymbolOverrides = z.string().transform((text, context): SymbolOverrides => {
  const overrides: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)) {
    const [ticker = '', market = '', extra] = pair
      .toUpperCase()
      .split('=')
      .map((part) => part.trim());
    if (extra !== undefined || !OVERRIDE_KEY.test(ticker) || !MARKET.test(market)) {
      context.addIssue({ code: 'custom', message: `expected TICKER=BASE/QUOTE, got "${pair}"` });
      continue;
    }
    overrides[ticker] = market;
  }
  return Object.freeze(overrides);
});
