import { ZERO } from '@hookline/core';
import { utcDayStart } from './account-rules.js';
import type { BuyGuardFlags, ExchangeHealth, RiskState, TradingState } from './risk-state.js';

/**
 * A risk state that knows only the operator's switches (and what the caller adds): for asking the
 * rules that read nothing else (trading state, buy guard, circuit; an exit's quote and working
 * sells) without reading the ledger, balances and history a full snapshot needs.
 */
export function controlsOnlyRiskState(
  now: Date,
  controls: {
    readonly tradingState: TradingState;
    readonly buyGuard: BuyGuardFlags;
    readonly exchangeHealth: ExchangeHealth;
    readonly orderCircuitHealth?: ExchangeHealth;
  },
  known: Partial<Pick<RiskState, 'quotes' | 'openOrders'>> = {},
): RiskState {
  return {
    now,
    tradingState: controls.tradingState,
    buyGuard: controls.buyGuard,
    exchangeHealth: controls.exchangeHealth,
    ...(controls.orderCircuitHealth === undefined ? {} : { orderCircuitHealth: controls.orderCircuitHealth }),
    quotes: known.quotes ?? {},
    cash: ZERO,
    positions: [],
    openOrders: known.openOrders ?? [],
    recentExits: [],
    recentOrderTimes: [],
    daily: {
      dayStart: utcDayStart(now),
      startingEquity: ZERO,
      realizedPnl: ZERO,
      unrealizedPnlAtStart: ZERO,
    },
  };
}
