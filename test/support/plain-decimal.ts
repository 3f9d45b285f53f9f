// Database decimals (Prisma's Decimal, numeric text) compared as plain strings in assertions.
import { dec, toPlainString } from '@hookline/core';

/** A decimal as a plain string without exponent or trailing zeros; undefined for null/undefined. */
export function plain(value: { toString(): string } | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : toPlainString(dec(value.toString()));
}
