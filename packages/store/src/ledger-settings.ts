// The ledger's settings from the configuration, built in one place for every app that records fills,
// reads positions or reports taxes.
import type { LedgerOptions } from '@hookline/ledger';
import type { Config } from '@hookline/schemas';

/** Timezone, strict mode and USD currencies of the ledger, from HOOKLINE_TAX_TIMEZONE, HOOKLINE_LEDGER_*. */
export function ledgerOptionsFromConfig(config: Config): Required<LedgerOptions> {
  return {
    timezone: config.HOOKLINE_TAX_TIMEZONE,
    strict: config.HOOKLINE_LEDGER_STRICT,
    usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES,
  };
}
