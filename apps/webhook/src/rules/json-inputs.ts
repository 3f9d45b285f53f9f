import { type Decimal, toPlainString } from '@hookline/core';

/** A value that survives JSON.stringify unchanged (what `decisions.rule_inputs` stores). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** The values one rule looked at, by name; decimals and instants are strings. */
export type RuleInputs = Readonly<Record<string, JsonValue>>;

/**
 * A decimal as stored in rule inputs: all digits, never exponent notation ("0.00000001"). A NaN or
 * infinite value is written as "NaN"/"Infinity" instead of throwing, so the refusal that names it
 * can still be recorded.
 */
export function decimalInput(value: Decimal): string {
  return value.isFinite() ? toPlainString(value) : value.toString();
}

/** An instant as stored in rule inputs (ISO-8601 UTC), or null when there is none. */
export function instantInput(value: Date | undefined): string | null {
  if (value === undefined) return null;
  return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
}
