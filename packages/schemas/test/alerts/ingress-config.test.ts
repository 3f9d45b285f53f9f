import { describe, expect, it } from 'vitest';
import { addressMatches, ConfigError, parseAddressRule, parseConfig } from '../../src/index.js';

describe('ingress configuration keys', () => {
  it('when nothing is set then the allowlist is off and holds TradingView addresses, and limits have defaults', () => {
    const config = parseConfig({});

    expect(config.HOOKLINE_WEBHOOK_ALLOWLIST).toBe(false);
    expect(config.HOOKLINE_WEBHOOK_ALLOWED_ADDRESSES.map((rule) => rule.text)).toEqual([
      '52.89.214.238',
      '34.212.75.30',
      '54.218.53.128',
      '52.32.178.7',
    ]);
    expect(config.HOOKLINE_TRUSTED_PROXY).toBeUndefined();
    expect(config.HOOKLINE_WEBHOOK_RATE_LIMIT).toBe(120);
    expect(config.HOOKLINE_WEBHOOK_BODY_LIMIT_BYTES).toBe(16_384);
    expect(config.HOOKLINE_IDEMPOTENCY_WINDOW_SECONDS).toBe(60);
    expect(config.HOOKLINE_SYMBOL_OVERRIDES).toBeUndefined();
  });

  it('when lists and overrides are bad then every bad entry is reported', () => {
    let problems: readonly string[] = [];
    try {
      parseConfig({
        HOOKLINE_TRUSTED_PROXY: '10.0.0.0/8, 300.1.1.1 proxy.local',
        HOOKLINE_SYMBOL_OVERRIDES: 'XBTUSD=BTC/USD,BROKEN,ETH=ETHUSD',
      });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }

    expect(problems).toEqual([
      expect.stringMatching(
        /^HOOKLINE_TRUSTED_PROXY: not an IP address or IPv4 network: 300\.1\.1\.1, proxy\.local/,
      ),
      expect.stringMatching(
        /^HOOKLINE_SYMBOL_OVERRIDES: expected TICKER=BASE\/QUOTE, got "BROKEN"; expected .* got "ETH=ETHUSD"/,
      ),
    ]);
  });
});

describe('address rules', () => {
  it.each([
    ['52.89.214.238', '52.89.214.238', true],
    ['52.89.214.238', '::ffff:52.89.214.238', true],
    ['52.89.214.238', '52.89.214.239', false],
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['172.16.0.0/12', '172.31.255.255', true],
    ['172.16.0.0/12', '172.32.0.0', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['::1', '::1', true],
    ['2001:DB8::1', '2001:db8::1', true],
  ])('when the rule is %s then %s matches: %s', (rule, address, matches) => {
    const parsed = parseAddressRule(rule);
    if (parsed === undefined) throw new Error(`rule ${rule} did not parse`);

    expect(addressMatches([parsed], address)).toBe(matches);
  });

  it.each(['1.2.3', '1.2.3.256', '1.2.3.4/33', '1.2.3.4/8/1', 'example.com', ''])(
    'when the rule is %j then it is refused',
    (text) => {
      expect(parseAddressRule(text)).toBeUndefined();
    },
  );
});
