// How the engine is configured, and the defaults the architecture document sets.
import { HooklineError } from '@hookline/core';
import { calendarDayIn, type DayOfInstant } from './calendar-date.js';

/** Engine settings; every field has a default. */
export interface LedgerOptions {
  /** IANA timezone whose calendar dates decide the holding period (default UTC). */
  readonly timezone?: string;
  /**
   * Currencies valued 1:1 in USD (default USD, USDC, USDT). Only fills quoted in one of these are
   * valued; a fill quoted in anything else is flagged UNVALUED_QUOTE instead of guessed.
   */
  readonly usdCurrencies?: readonly string[];
  /** Refuse a sell beyond inventory with an error instead of recording a SHORTFALL (default false). */
  readonly strict?: boolean;
}

/** The options with defaults applied and the timezone checked. */
export interface ResolvedLedgerOptions {
  readonly timezone: string;
  readonly usdCurrencies: ReadonlySet<string>;
  readonly strict: boolean;
  readonly dayOf: DayOfInstant;
}

/** The default USD-equivalent currencies. */
export const defaultUsdCurrencies: readonly string[] = ['USD', 'USDC', 'USDT'];

/** Applies the defaults; throws a HooklineError for an unknown timezone or an empty USD set. */
export function resolveLedgerOptions(options: LedgerOptions = {}): ResolvedLedgerOptions {
  const timezone = options.timezone ?? 'UTC';
  const usdCurrencies = new Set(options.usdCurrencies ?? defaultUsdCurrencies);
  if (usdCurrencies.size === 0) {
    throw new HooklineError('INVALID_ARGUMENT', 'usdCurrencies must name at least one currency');
  }
  return { timezone, usdCurrencies, strict: options.strict ?? false, dayOf: calendarDayIn(timezone) };
}
