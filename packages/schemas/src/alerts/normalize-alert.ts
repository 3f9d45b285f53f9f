import type { DecodedAlertBody } from './alert-body.js';
import type { AlertProblem } from './alert-problem.js';
import { fromHooklineTemplate } from './hookline-template.js';
import type { JsonObject, JsonValue } from './json-reader.js';
import type { NormalizedAlert } from './normalized-alert.js';
import { fromStrategyTemplate } from './strategy-template.js';
import {
  mapTradingViewTicker,
  normalizeTradingViewExchange,
  type SymbolOverrides,
} from './tradingview-ticker.js';

/** The normalised alert, or why its fields are refused. */
export type NormalizeAlertResult =
  | { readonly ok: true; readonly alert: NormalizedAlert }
  | { readonly ok: false; readonly problem: AlertProblem };

/**
 * Turns a decoded body into one NormalizedAlert: a JSON object with a `strategy` object is the
 * TradingView strategy template, any other JSON object or key=value text is the Hookline template;
 * then the ticker is mapped to a `BASE/QUOTE` market (configured overrides first).
 */
export function normalizeAlert(
  body: DecodedAlertBody,
  options: { readonly symbolOverrides?: SymbolOverrides } = {},
): NormalizeAlertResult {
  const isStrategy = body.format === 'json' && Object.hasOwn(body.fields, 'strategy');
  const unreplaced = findUnreplacedPlaceholder(body.fields);
  if (unreplaced !== undefined) {
    return refuse(
      'INVALID_PAYLOAD',
      `${unreplaced.path} still holds the placeholder ${unreplaced.placeholder}: TradingView did not replace it ` +
        "(check its spelling against TradingView's list; a test sent by hand must carry real values)",
    );
  }
  const drafted = isStrategy
    ? fromStrategyTemplate(body.fields)
    : fromHooklineTemplate(body.fields, body.format);
  if (!drafted.ok) {
    const template = isStrategy ? 'TradingView strategy' : 'Hookline';
    return refuse('INVALID_PAYLOAD', `the alert does not match the ${template} template: ${drafted.message}`);
  }
  const draft = drafted.draft;
  const exchange = draft.exchange === null ? null : normalizeTradingViewExchange(draft.exchange);
  const mapping = mapTradingViewTicker(draft.ticker, exchange ?? undefined, options.symbolOverrides);
  if (!mapping.ok) return refuse('INVALID_SYMBOL', mapping.message);
  return { ok: true, alert: { ...draft, exchange, symbol: mapping.symbol } };
}

// The fields templates read; an unreplaced placeholder elsewhere (a note of the user's) is harmless.
const READ_FIELDS = [
  ['id'],
  ['ticker'],
  ['exchange'],
  ['action'],
  ['price'],
  ['time'],
  ['order_type'],
  ['size', 'quote'],
  ['size', 'base'],
  ['size', 'equity_pct'],
  ['bar', 'time'],
  ['bar', 'close'],
  ['strategy', 'order_action'],
  ['strategy', 'order_contracts'],
  ['strategy', 'order_price'],
  ['strategy', 'market_position'],
] as const;

function findUnreplacedPlaceholder(fields: JsonObject): { path: string; placeholder: string } | undefined {
  for (const path of READ_FIELDS) {
    let value: JsonValue | undefined = fields;
    for (const name of path) {
      value =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as JsonObject)[name]
          : undefined;
    }
    const placeholder = typeof value === 'string' ? /\{\{[^{}]{0,60}\}\}/.exec(value)?.[0] : undefined;
    if (placeholder !== undefined) return { path: path.join('.'), placeholder };
  }
  return undefined;
}

function refuse(code: AlertProblem['code'], message: string): NormalizeAlertResult {
  return { ok: false, problem: { code, stage: 'validate', message } };
}
