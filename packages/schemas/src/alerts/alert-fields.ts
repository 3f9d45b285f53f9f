import { dec, toPlainString } from '@hookline/core';
import { z } from 'zod';

const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Text (or a number, which the alert reader keeps as text); says "is required" when missing. */
export const alertText = z.string({
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be text or a number'),
});

/** Treats "" and null as absent: a template leaves a field empty when TradingView has no value for it. */
export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
}

/** A positive decimal, quoted or not, as its exact plain string ("6.5e4" → "65000", "100.0" → "100"). */
export const positiveDecimal = alertText
  .trim()
  .refine((text) => DECIMAL_TEXT.test(text) && dec(text).isPositive() && !dec(text).isZero(), {
    error: 'must be a positive number',
  })
  .transform((text) => toPlainString(dec(text)));

/** One of a few words, in any letter case, lower-cased. */
export function wordOf<const T extends readonly [string, ...string[]]>(values: T) {
  return alertText
    .trim()
    .toLowerCase()
    .pipe(z.enum(values, { error: `must be ${values.join(', ').replace(/, ([^,]*)$/, ' or $1')}` }));
}

/** A time as TradingView writes it ({{time}}, {{timenow}}: ISO-8601 UTC) or epoch seconds/ms → ISO UTC. */
export const alertTime = alertText.trim().transform((text, context) => {
  const iso = toIsoTime(text);
  if (iso === undefined) {
    context.addIssue({
      code: 'custom',
      message: 'must be an ISO-8601 time with a zone (2024-05-01T12:00:00Z) or epoch seconds or milliseconds',
    });
    return z.NEVER;
  }
  return iso;
});

function toIsoTime(text: string): string | undefined {
  if (/^\d{10}$/.test(text)) return new Date(Number(text) * 1000).toISOString();
  if (/^\d{13}$/.test(text)) return new Date(Number(text)).toISOString();
  const match = ISO_TIME.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  // Date.parse rolls 2024-02-30 over into March: check the written fields themselves.
  const calendar = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0));
  if (calendar.getUTCMonth() + 1 !== month || calendar.getUTCDate() !== day) return undefined;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return undefined;
  const zone = match[7] ?? 'Z';
  const local = text.slice(0, text.length - zone.length).replace(/[ t]/, 'T');
  const parsed = Date.parse(local + zone.toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}
