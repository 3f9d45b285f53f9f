import { PASSPHRASE } from './ingress-harness.js';

/** A Hookline-template body with the right passphrase; fields override or extend it. */
export function hooklineBody(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    passphrase: PASSPHRASE,
    ticker: 'BTCUSD',
    exchange: 'COINBASE',
    action: 'buy',
    price: '65000.5',
    time: '2024-05-01T11:59:00Z',
    ...fields,
  });
}

/** The widely copied strategy template, as TradingView sends it once the placeholders are filled. */
export function strategyBody(strategy: Record<string, unknown> = {}): string {
  return JSON.stringify({
    passphrase: PASSPHRASE,
    time: '2024-05-01T11:59:00Z',
    exchange: 'BINANCE',
    ticker: 'BTCUSDT',
    bar: {
      time: '2024-05-01T11:55:00Z',
      open: 64900,
      high: 65100,
      low: 64800,
      close: 65000.25,
      volume: 12.5,
    },
    strategy: {
      position_size: 0.01,
      order_action: 'buy',
      order_contracts: 0.01,
      order_price: 65000.25,
      order_id: 'Long',
      market_position: 'long',
      market_position_size: 0.01,
      prev_market_position: 'flat',
      prev_market_position_size: 0,
      ...strategy,
    },
  });
}
