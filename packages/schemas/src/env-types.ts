import { z } from 'zod';

/** Reads `true/false/1/0/yes/no` (any case) as a boolean; anything else is an error naming the value. */
export const envBoolean = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' }))
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A whole number within bounds, read from a string. */
export function envInteger(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^-?\d+$/, { error: 'expected a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** A TCP port number. */
export const envPort = envInteger(1, 65_535);

/** A URL with one of the given protocols. */
export function envUrl(protocols: readonly string[]) {
  return z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      { error: `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
    );
}

/** A non-negative decimal such as `2.5`, kept as text (callers make it a Decimal; never a float). */
export const envDecimal = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, { error: 'expected a non-negative decimal such as 2.5' });

/** A comma-separated list; blanks around items are dropped, an empty value is an empty list. */
export const envList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);
