import type { z } from 'zod';
import type { NormalizedAlert } from './normalized-alert.js';

/** What a template yields before its ticker is mapped to a market. */
export type AlertDraft = Omit<NormalizedAlert, 'symbol'>;

/** A template's draft, or the list of what is wrong with the fields. */
export type DraftResult =
  | { readonly ok: true; readonly draft: AlertDraft }
  | { readonly ok: false; readonly message: string };

/** zod issues as one line users can act on: `strategy.order_action: must be buy or sell; ticker: is required`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}
