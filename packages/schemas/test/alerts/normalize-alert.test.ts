import { describe, expect, it } from 'vitest';
import type { NormalizeAlertResult } from '../../src/alerts/normalize-alert.js';
import { decodeAlertBody, normalizeAlert } from '../../src/index.js';

function normalize(raw: string, contentType = 'application/json'): NormalizeAlertResult {
  const decoded = decodeAlertBody(raw, contentType);
  if (!decoded.ok) throw new Error(decoded.problem.message);
  return normalizeAlert(decoded.body, { symbolOverrides: { XYZUSD: 'XYZ/USDC' } });
}

const base = { passphrase: 'p', ticker: 'BTCUSD', action: 'buy' };

describe('normalizeAlert: the Hookline template', () => {
  it('when only the required fields are given then the rest is null', () => {
    expect(normalize(JSON.stringify(base))).toEqual({
      ok: true,
      alert: {
        template: 'hookline',
        id: null,
        action: 'buy',
        symbol: 'BTC/USD',
        ticker: 'BTCUSD',
        exchange: null,
        price: null,
        time: null,
        size: null,
        orderType: null,
      },
    });
  });

  it.each([
    [{ quote: '100' }, { unit: 'quote', amount: '100' }],
    [{ base: 0.01 }, { unit: 'base', amount: '0.01' }],
    [{ equity_pct: '5.0' }, { unit: 'equity_pct', amount: '5' }],
    [
      { quote: '1e2', base: '' },
      { unit: 'quote', amount: '100' },
    ],
  ])('when size is %j then it normalises to %j', (size, normalized) => {
    const result = normalize(JSON.stringify({ ...base, size }));

    expect(result.ok && result.alert.size).toEqual(normalized);
  });

  it.each([
    [{ size: '100' }, /size: .*object/i],
    [{ size: { usd: '100' } }, /size: .*usd/i],
    [{ size: { equity_pct: '150' } }, /size.equity_pct: must be at most 100/],
    [{ size: { quote: '-5' } }, /size.quote: must be a positive number/],
    [{ size: { quote: '0' } }, /size.quote: must be a positive number/],
    [{ order_type: 'stop' }, /order_type: must be limit or market/],
    [{ time: '2024-02-30T00:00:00Z' }, /time: must be an ISO-8601 time/],
    [{ time: '2024-05-01T12:00:00' }, /time: must be an ISO-8601 time/],
    [{ ticker: '' }, /ticker: is required/],
    [{ id: 'x'.repeat(129) }, /id: must be at most 128 characters/],
    [{ action: 'sell' }, /size: a sell reduces the position by its size/],
    [{ action: 'sell', size: { equity_pct: '5' } }, /size: a sell is sized in base or quote units/],
    [{ action: 'exit', size: { base: '1' } }, /size: an exit closes the whole position and takes no size/],
  ])('when the fields are %j then INVALID_PAYLOAD says %s', (fields, message) => {
    const result = normalize(JSON.stringify({ ...base, ...fields }));

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatchObject({ code: 'INVALID_PAYLOAD', stage: 'validate' });
    expect(!result.ok && result.problem.message).toMatch(message);
  });

  it.each([
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T14:00:00+02:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01 12:00:00.5z', '2024-05-01T12:00:00.500Z'],
    ['2024-05-01T12:00Z', '2024-05-01T12:00:00.000Z'],
    ['1714564800', '2024-05-01T12:00:00.000Z'],
    ['1714564800000', '2024-05-01T12:00:00.000Z'],
  ])('when time is %s then it is %s', (time, iso) => {
    const result = normalize(JSON.stringify({ ...base, time }));

    expect(result.ok && result.alert.time).toBe(iso);
  });

  it('when fields TradingView had no value for are empty strings then they count as absent', () => {
    const result = normalize(JSON.stringify({ ...base, price: '', time: '', id: '', exchange: '' }));

    expect(result).toMatchObject({ ok: true, alert: { price: null, time: null, id: null, exchange: null } });
  });

  it('when the ticker is in the overrides then the override is the market', () => {
    const result = normalize(JSON.stringify({ ...base, ticker: 'XYZUSD' }));

    expect(result.ok && result.alert.symbol).toBe('XYZ/USDC');
  });

  it('when the ticker maps to nothing then INVALID_SYMBOL', () => {
    const result = normalize(JSON.stringify({ ...base, ticker: 'NAS100' }));

    expect(!result.ok && result.problem.code).toBe('INVALID_SYMBOL');
  });
});

describe('normalizeAlert: the strategy template', () => {
  const strategyBody = (strategy: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      passphrase: 'p',
      ticker: 'ETHUSD',
      exchange: 'KRAKEN',
      bar: { close: '3000', time: '1714564800' },
      strategy,
      ...extra,
    });

  it('when the order price is missing then the bar close is the price, and the bar time the time', () => {
    const result = normalize(strategyBody({ order_action: 'buy', order_contracts: '2' }));

    expect(result).toMatchObject({
      ok: true,
      alert: {
        template: 'strategy',
        price: '3000',
        time: '2024-05-01T12:00:00.000Z',
        size: { unit: 'base', amount: '2' },
      },
    });
  });

  it('when strategy.order_id is given then it is not taken as the alert id (it repeats on every trade)', () => {
    const result = normalize(strategyBody({ order_action: 'buy', order_id: 'Long' }));

    expect(result.ok && result.alert.id).toBeNull();
  });

  it('when an id is given at the top level then it is the alert id', () => {
    const result = normalize(strategyBody({ order_action: 'buy' }, { id: 'ETH-2024-05-01T12:00:00Z' }));

    expect(result.ok && result.alert.id).toBe('ETH-2024-05-01T12:00:00Z');
  });

  it('when a sell leaves the strategy long without order_contracts then it is refused: how much to sell is unknown', () => {
    const result = normalize(strategyBody({ order_action: 'sell', market_position: 'long' }));

    expect(!result.ok && result.problem.message).toMatch(/strategy.order_contracts: is required for a sell/);
  });

  it('when a sell leaves the strategy flat without order_contracts then it is an exit', () => {
    const result = normalize(strategyBody({ order_action: 'sell', market_position: 'flat' }));

    expect(result).toMatchObject({ ok: true, alert: { action: 'exit', size: null } });
  });

  it('when the order action is not buy or sell then the message names the nested field', () => {
    const result = normalize(strategyBody({ order_action: 'hold' }));

    expect(!result.ok && result.problem.message).toMatch(
      /TradingView strategy template: strategy.order_action: must be buy or sell/,
    );
  });
});

describe('normalizeAlert: key=value text', () => {
  it('when the text names a size unit then it becomes the size', () => {
    const result = normalize(
      'action=SELL ticker=BTCUSDT base=0.5 order_type=market passphrase=p',
      'text/plain',
    );

    expect(result).toMatchObject({
      ok: true,
      alert: {
        template: 'text',
        action: 'sell',
        symbol: 'BTC/USDT',
        size: { unit: 'base', amount: '0.5' },
        orderType: 'market',
      },
    });
  });

  it.each([
    ['action=buy ticker', /word 2 of the body is not name=value/],
    ['action=buy action=sell', /the field "action" appears twice/],
  ])('when the text is %j then it is refused: %s', (text, message) => {
    const decoded = decodeAlertBody(text, 'text/plain');

    expect(!decoded.ok && decoded.problem).toMatchObject({ code: 'INVALID_PAYLOAD', stage: 'decode' });
    expect(!decoded.ok && decoded.problem.message).toMatch(message);
  });
});
