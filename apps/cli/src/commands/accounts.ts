// `accounts tax ACCOUNT --form NONE|1099-B|1099-DA [--basis-reported]`: which tax form the account's
// broker sends, which decides the Form 8949 box of its disposals in `tax report`.
import { form8949Box, TAX_FORMS, type TaxForm } from '@hookline/ledger';
import type { Config } from '@hookline/schemas';
import { setAccountTax } from '@hookline/store';
import { withStore } from '../database-access.js';
import { UsageError } from '../usage.js';

/** Options of `accounts tax`, as given on the command line. */
export interface AccountTaxOptions {
  readonly form?: string;
  readonly basisReported?: boolean;
}

/** Records the account's tax form and prints the boxes its disposals now go in. */
export async function runAccountTax(
  account: string,
  options: AccountTaxOptions,
  config: Config,
): Promise<number> {
  if (!account) throw new UsageError('accounts tax needs the account name');
  if (options.form === undefined) throw new UsageError(`accounts tax needs --form ${TAX_FORMS.join('|')}`);
  const taxForm = TAX_FORMS.find((form) => form === options.form?.toUpperCase());
  if (taxForm === undefined) {
    throw new UsageError(`--form "${options.form}" is not one of ${TAX_FORMS.join(', ')}`);
  }
  if (taxForm === 'NONE' && options.basisReported) {
    throw new UsageError('--basis-reported needs a form that reports it: --form 1099-B or --form 1099-DA');
  }
  const setting = await withStore(config, (store) =>
    setAccountTax(store, account, { taxForm, basisReported: options.basisReported === true }),
  );
  process.stdout.write(
    `account ${account}: tax form ${taxForm}, basis ${setting.basisReported ? '' : 'not '}reported; ` +
      `Form 8949 boxes ${boxes(2024, setting)} before 2025, ${boxes(2025, setting)} from 2025${familyNote(taxForm)}\n`,
  );
  return 0;
}

// A form of the other family decides no box in those years: say so rather than leave it to be guessed.
function familyNote(taxForm: TaxForm): string {
  if (taxForm === '1099-B') return ' (a 1099-B counts as no form from 2025)';
  if (taxForm === '1099-DA') return ' (a 1099-DA counts as no form before 2025)';
  return '';
}

function boxes(year: number, setting: { taxForm: TaxForm; basisReported: boolean }): string {
  return `${form8949Box(year, 'SHORT', setting)}/${form8949Box(year, 'LONG', setting)}`;
}
