import { dec } from '@hookline/core';
import type { BacktestInput } from '../../src/index.js';
import { curve, HOUR_MS, start, trade } from './builders.js';

/**
 * A small consistent run: initial 1000, five hourly candles, three trades whose pnl adds up to the
 * equity change (+50 − 20 + 10 = 40 = 1040 − 1000). Built fresh on each call.
 */
export function scenario(): BacktestInput {
  const at = (hours: number) => new Date(start + hours * HOUR_MS);
  return {
    trades: [
      trade('50', { entryTime: at(0), exitTime: at(2), fees: dec('1'), exitReason: 'TAKE_PROFIT' }),
      trade('-20', {
        symbol: 'ETH/USD',
        entryTime: at(2),
        exitTime: at(3),
        entryPrice: dec('50'),
        exitPrice: dec('48'),
        size: dec('10'),
        fees: dec('1'),
        exitReason: 'STOP_LOSS',
      }),
      trade('10', { entryTime: at(4), exitTime: at(5), fees: dec('0.5'), exitReason: 'END_OF_DATA' }),
    ],
    equityCurve: curve(['1000', '1050', '1030', '1030', '1040']),
    initialEquity: dec('1000'),
    closes: [
      { symbol: 'BTC/USD', firstClose: dec('100'), lastClose: dec('120') },
      { symbol: 'ETH/USD', firstClose: dec('50'), lastClose: dec('45') },
    ],
    timeframeMs: HOUR_MS,
    exposure: [true, true, true, false, true],
  };
}
