import { z } from 'zod';
import { type DraftResult, describeIssues } from './alert-draft.js';
import { alertText, alertTime, optionalField, positiveDecimal, wordOf } from './alert-fields.js';
import type { JsonObject } from './json-reader.js';
import type { AlertAction } from './normalized-alert.js';

/**
 * The widely copied TradingView strategy template (docs/exchange-notes.md, TradingView 6):
 * `{passphrase, time, exchange, ticker, bar:{time,open,high,low,close,volume}, strategy:{position_size,
 * order_action, order_contracts, order_price, order_id, market_position, market_position_size,
 * prev_market_position, prev_market_position_size}}`. Only the fields read below are checked; the rest
 * are ignored.
 */
export const strategyTemplateSchema = z.object({
  id: optionalField(alertText.trim().min(1).max(128, { error: 'must be at most 128 characters' })),
  ticker: alertText.trim().min(1, { error: 'is required' }),
  exchange: optionalField(alertText.trim()),
  time: optionalField(alertTime),
  order_type: optionalField(wordOf(['limit', 'market'])),
  bar: optionalField(z.object({ time: optionalField(alertTime), close: optionalField(positiveDecimal) })),
  strategy: z.object({
    order_action: wordOf(['buy', 'sell']),
    order_contracts: optionalField(positiveDecimal),
    order_price: optionalField(positiveDecimal),
    market_position: optionalField(wordOf(['long', 'flat', 'short'])),
  }),
});

/**
 * Reads the strategy template. A sell that leaves the strategy flat (or short: a spot account cannot
 * be short, so a reversal means "get out") is an exit of the whole position; any other sell reduces
 * by `order_contracts`. `strategy.order_id` is NOT the alert id: it names the order ("Long", "Exit")
 * and repeats on every trade, so such alerts are de-duplicated by content instead.
 */
export function fromStrategyTemplate(fields: JsonObject): DraftResult {
  const result = strategyTemplateSchema.safeParse(fields);
  if (!result.success) return { ok: false, message: describeIssues(result.error) };
  const { strategy, bar, ...alert } = result.data;
  const action: AlertAction =
    strategy.order_action === 'buy'
      ? 'buy'
      : strategy.market_position === 'flat' || strategy.market_position === 'short'
        ? 'exit'
        : 'sell';
  const contracts = action === 'exit' ? undefined : strategy.order_contracts;
  if (action === 'sell' && contracts === undefined) {
    return {
      ok: false,
      message:
        'strategy.order_contracts: is required for a sell that leaves the strategy long (it is how much to sell)',
    };
  }
  return {
    ok: true,
    draft: {
      template: 'strategy',
      id: alert.id ?? null,
      action,
      ticker: alert.ticker,
      exchange: alert.exchange ?? null,
      price: strategy.order_price ?? bar?.close ?? null,
      time: alert.time ?? bar?.time ?? null,
      size: contracts === undefined ? null : { unit: 'base', amount: contracts },
      orderType: alert.order_type ?? null,
    },
  };
}
