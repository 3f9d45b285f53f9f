import { z } from 'zod';

/** What an alert asks for: open or add (buy), reduce by a size (sell), or close the whole position (exit). */
export const alertActions = ['buy', 'sell', 'exit'] as const;

/** How an alert's size is given: an amount of the quote currency, of the base currency, or % of equity. */
export const alertSizeUnits = ['quote', 'base', 'equity_pct'] as const;

/** Which of the accepted body formats an alert came in. */
export const alertTemplates = ['hookline', 'strategy', 'text'] as const;

const decimalString = z.string().regex(/^\d+(\.\d+)?$/);

/**
 * One alert in the form every later step reads, whatever template it arrived in: the symbol is the
 * exchange market (`BTC/USD`), numbers are exact decimal strings, time is ISO-8601 UTC. Stored in
 * `alerts.parsed_payload.alert` (never with the passphrase) and handed to the job that executes it.
 */
export const normalizedAlertSchema = z
  .object({
    template: z.enum(alertTemplates),
    /** The sender's own alert id (Hookline template `id`), or null. */
    id: z.string().nullable(),
    action: z.enum(alertActions),
    /** The exchange market, `BASE/QUOTE`. */
    symbol: z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+$/),
    /** The ticker as TradingView sent it, e.g. `COINBASE:BTCUSD`. */
    ticker: z.string(),
    /** TradingView's exchange of the chart (`{{exchange}}`, without a `_DL` suffix), or null. */
    exchange: z.string().nullable(),
    /** The reference price the alert carried, or null (the executor then uses the order book). */
    price: decimalString.nullable(),
    /** The alert's own time (ISO-8601 UTC), or null; the receive time is stored separately. */
    time: z.iso.datetime().nullable(),
    size: z
      .object({ unit: z.enum(alertSizeUnits), amount: decimalString })
      .readonly()
      .nullable(),
    orderType: z.enum(['limit', 'market']).nullable(),
  })
  .readonly();

/** One alert, normalised (see normalizedAlertSchema). */
export type NormalizedAlert = z.output<typeof normalizedAlertSchema>;

/** An alert's action. */
export type AlertAction = NormalizedAlert['action'];

/** An alert's size, when it gives one. */
export type AlertSize = NonNullable<NormalizedAlert['size']>;
