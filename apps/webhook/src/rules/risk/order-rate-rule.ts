import type { RiskLimits } from './risk-limits.js';
import type { RiskState } from './risk-state.js';
import { pass, type RuleResult, refuse } from './risk-verdict.js';

/**
 * At most maxOrdersPerWindow orders (entries and exits both count) in the sliding window ending
 * now; an order exactly orderRateWindowMs old has left the window.
 */
export function checkOrderRate(state: RiskState, limits: RiskLimits): RuleResult {
  const windowStart = state.now.getTime() - limits.orderRateWindowMs;
  const inWindow = state.recentOrderTimes.filter((time) => time.getTime() > windowStart).length;
  const inputs = {
    ordersInWindow: inWindow,
    maxOrdersPerWindow: limits.maxOrdersPerWindow,
    orderRateWindowMs: limits.orderRateWindowMs,
  };
  if (!(inWindow < limits.maxOrdersPerWindow)) {
    const message = `${inWindow} orders in the last ${limits.orderRateWindowMs} ms (max ${limits.maxOrdersPerWindow})`;
    return refuse('ORDER_RATE_THROTTLED', message, inputs);
  }
  return pass(inputs);
}
