import { type Decimal, dec } from '@hookline/core';
import { z } from 'zod';

/** The header of `ledger import` files, in order (docs/architecture.md, "Stable interfaces"). */
export const LEDGER_CSV_HEADER = [
  'time',
  'account',
  'symbol',
  'side',
  'quantity',
  'price',
  'fee',
  'fee_currency',
  'trade_id',
  'order_id',
] as const;

/** One validated import row. */
export interface LedgerCsvRow {
  readonly executedAt: Date;
  readonly account: string;
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: Decimal;
  readonly price: Decimal;
  readonly fee: Decimal;
  readonly feeCurrency: string;
  readonly tradeId: string;
  readonly orderId: string | null;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/** Date.parse rolls 2024-02-30 over to March: check the written fields themselves. */
function isRealCalendarTime(text: string): boolean {
  const [year, month, day, hour, minute] = [0, 5, 8, 11, 14].map((at) =>
    Number(text.slice(at, at + (at ? 2 : 4))),
  );
  const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() + 1 === month &&
    date.getUTCDate() === day &&
    (hour ?? 99) < 24 &&
    (minute ?? 99) < 60 &&
    !Number.isNaN(Date.parse(text))
  );
}

const optional = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

const decimalField = (what: string, allowZero: boolean) =>
  z
    .string()
    .trim()
    .regex(DECIMAL_TEXT, {
      error: `${what} must be a plain decimal number like 0.25 (no sign, exponent or commas)`,
    })
    .transform((text) => dec(text))
    .refine((value) => allowZero || value.gt(0), { error: `${what} must be greater than zero` });

/** zod schema of one CSV record (all fields as text); errors carry the field name in their path. */
export const ledgerCsvRecordSchema = z
  .object({
    time: z
      .string()
      .trim()
      .regex(ISO_WITH_OFFSET, {
        error: 'time must be ISO-8601 with an offset, e.g. 2024-03-01T14:05:00Z or ...-07:00',
      })
      .refine(isRealCalendarTime, { error: 'time is not a real date' })
      .transform((text) => new Date(text)),
    account: z
      .string()
      .optional()
      .transform(optional)
      .pipe(
        z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'account: letters, digits, _ . - only' })
          .optional(),
      ),
    symbol: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/, { error: 'symbol must look like BTC/USD (BASE/QUOTE)' }),
    side: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['buy', 'sell'], { error: 'side must be buy or sell' })),
    quantity: decimalField('quantity', false),
    price: decimalField('price', false),
    fee: z.string().optional().transform(optional).pipe(decimalField('fee', true).optional()),
    fee_currency: z
      .string()
      .optional()
      .transform(optional)
      .pipe(
        z
          .string()
          .toUpperCase()
          .regex(/^[A-Z0-9]{1,20}$/, { error: 'fee_currency must be an asset code' })
          .optional(),
      ),
    trade_id: z
      .string()
      .trim()
      .min(1, { error: 'trade_id is required (it makes re-imports no-ops)' })
      .max(200),
    order_id: z.string().optional().transform(optional),
  })
  .transform((record): LedgerCsvRow => {
    const [base = '', quote = ''] = record.symbol.split('/');
    return {
      executedAt: record.time,
      account: record.account ?? 'default',
      symbol: record.symbol,
      base,
      quote,
      side: record.side,
      quantity: record.quantity,
      price: record.price,
      fee: record.fee ?? dec('0'),
      feeCurrency: record.fee_currency ?? quote,
      tradeId: record.trade_id,
      orderId: record.order_id ?? null,
    };
  });

/** Validates one record; a failure lists `field: problem` for every bad field. */
export function parseLedgerCsvRecord(
  record: Record<string, string | undefined>,
): { ok: true; row: LedgerCsvRow } | { ok: false; problems: string[] } {
  const result = ledgerCsvRecordSchema.safeParse(record);
  if (result.success) return { ok: true, row: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`),
  };
}
