import { dec } from '@hookline/core';
import { z } from 'zod';
import { type DraftResult, describeIssues } from './alert-draft.js';
import { alertText, alertTime, optionalField, positiveDecimal, wordOf } from './alert-fields.js';
import type { JsonObject } from './json-reader.js';
import { type AlertSize, alertActions } from './normalized-alert.js';

/** Text bodies name the size directly (`quote=100`); JSON bodies nest it (`"size": {"quote": "100"}`). */
const TEXT_SIZE_FIELDS = ['quote', 'base', 'equity_pct'] as const;

const sizeSchema = z
  .object({
    quote: optionalField(positiveDecimal),
    base: optionalField(positiveDecimal),
    equity_pct: optionalField(positiveDecimal),
  })
  .strict()
  .transform((size, context): AlertSize => {
    const given = TEXT_SIZE_FIELDS.flatMap((unit) =>
      size[unit] === undefined ? [] : [{ unit, amount: size[unit] }],
    );
    const [only] = given;
    if (given.length !== 1 || only === undefined) {
      context.addIssue({ code: 'custom', message: 'give exactly one of quote, base or equity_pct' });
      return z.NEVER;
    }
    if (only.unit === 'equity_pct' && dec(only.amount).greaterThan(100)) {
      context.addIssue({ code: 'custom', path: ['equity_pct'], message: 'must be at most 100' });
      return z.NEVER;
    }
    return only;
  });

/**
 * Hookline's own alert template (documented in apps/webhook/README.md):
 * `{"passphrase","id"?,"ticker","exchange"?,"action":"buy|sell|exit","price"?,"time"?,
 *   "size"?:{"quote"|"base"|"equity_pct": "…"},"order_type"?:"limit|market"}`. Numbers may be quoted or
 * not; unknown fields are ignored so users can add their own notes.
 */
export const hooklineTemplateSchema = z
  .object({
    id: optionalField(alertText.trim().min(1).max(128, { error: 'must be at most 128 characters' })),
    ticker: alertText.trim().min(1, { error: 'is required' }),
    exchange: optionalField(alertText.trim()),
    action: wordOf(alertActions),
    price: optionalField(positiveDecimal),
    time: optionalField(alertTime),
    size: optionalField(sizeSchema),
    order_type: optionalField(wordOf(['limit', 'market'])),
  })
  .refine((alert) => alert.action !== 'exit' || alert.size === undefined, {
    path: ['size'],
    error: 'an exit closes the whole position and takes no size; use "sell" with a size to reduce it',
  })
  .refine((alert) => alert.action !== 'sell' || alert.size !== undefined, {
    path: ['size'],
    error:
      'a sell reduces the position by its size: give {"base": …} or {"quote": …}, or use "exit" to close it',
  })
  .refine((alert) => alert.action !== 'sell' || alert.size?.unit !== 'equity_pct', {
    path: ['size'],
    error: 'a sell is sized in base or quote units; equity_pct sizes buys only',
  });

/** Reads the Hookline template, from JSON fields or from key=value text (`format: 'text'`). */
export function fromHooklineTemplate(fields: JsonObject, format: 'json' | 'text'): DraftResult {
  const result = hooklineTemplateSchema.safeParse(format === 'text' ? nestTextSize(fields) : fields);
  if (!result.success) return { ok: false, message: describeIssues(result.error) };
  const alert = result.data;
  return {
    ok: true,
    draft: {
      template: format === 'text' ? 'text' : 'hookline',
      id: alert.id ?? null,
      action: alert.action,
      ticker: alert.ticker,
      exchange: alert.exchange ?? null,
      price: alert.price ?? null,
      time: alert.time ?? null,
      size: alert.size ?? null,
      orderType: alert.order_type ?? null,
    },
  };
}

function nestTextSize(fields: JsonObject): JsonObject {
  const size = Object.fromEntries(
    TEXT_SIZE_FIELDS.flatMap((unit) => (unit in fields ? [[unit, fields[unit] ?? null]] : [])),
  );
  const rest = Object.fromEntries(Object.entries(fields).filter(([name]) => !(name in size)));
  return Object.keys(size).length === 0 ? rest : { ...rest, size };
}
