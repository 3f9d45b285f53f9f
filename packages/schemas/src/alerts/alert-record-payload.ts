import { z } from 'zod';
import { normalizedAlertSchema } from './normalized-alert.js';

/**
 * The shape of `alerts.parsed_payload`: `alert` is the normalised alert (accepted and duplicate rows, and
 * rejected rows that got that far), `duplicateOf` the id of the row a duplicate repeats, `error` the code
 * and message a rejected alert was answered with. It never holds the passphrase; the raw body is in
 * `raw_body`, with the passphrase masked.
 */
export const alertRecordPayloadSchema = z.object({
  alert: normalizedAlertSchema.optional(),
  duplicateOf: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** The decision id the sender fixed (sighook derives it from its idempotency key); absent otherwise. */
  decisionId: z.uuid().optional(),
});

/** The contents of `alerts.parsed_payload`. */
export type AlertRecordPayload = z.output<typeof alertRecordPayloadSchema>;
