// The rules of going live: MODE=live only on a venue whose private stream exists, and the sandbox only
// where the venue has one. Refused at configuration time, before anything is started.
import { LIVE_VENUES, SANDBOX_VENUES } from './live-config-keys.js';

const isOneOf = (list: readonly string[], value: unknown): boolean => list.includes(String(value));

/** A rule as config-rules.ts reads it (structural: importing its type would make a cycle). */
interface LiveRule {
  readonly keys: readonly string[];
  readonly broken: (values: Readonly<Record<string, unknown>>) => boolean;
  readonly problem: string;
}

export const LIVE_CONFIG_RULES: readonly LiveRule[] = [
  {
    keys: ['MODE', 'EXCHANGE'],
    broken: (values) => values.MODE === 'live' && !isOneOf(LIVE_VENUES, values.EXCHANGE),
    problem: `the private stream (fills, order updates) of this exchange is not implemented; live mode works on: ${LIVE_VENUES.join(', ')} (paper mode works on any exchange)`,
  },
  {
    keys: ['HOOKLINE_SANDBOX', 'EXCHANGE'],
    broken: (values) => values.HOOKLINE_SANDBOX === true && !isOneOf(SANDBOX_VENUES, values.EXCHANGE),
    problem: `this exchange has no sandbox; HOOKLINE_SANDBOX=true works on: ${SANDBOX_VENUES.join(', ')}`,
  },
];
