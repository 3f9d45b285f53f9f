// Each account's tax configuration (accounts.tax_form, accounts.basis_reported): which form its
// broker sends and whether basis was reported. It decides the Form 8949 box of its disposals.
import { HooklineError } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import type { AccountTaxSetting, TaxForm } from '@hookline/ledger';

type StoredTaxForm = 'NONE' | 'FORM_1099_B' | 'FORM_1099_DA';

const toStored: Record<TaxForm, StoredTaxForm> = {
  NONE: 'NONE',
  '1099-B': 'FORM_1099_B',
  '1099-DA': 'FORM_1099_DA',
};
const fromStored: Record<StoredTaxForm, TaxForm> = {
  NONE: 'NONE',
  FORM_1099_B: '1099-B',
  FORM_1099_DA: '1099-DA',
};

/**
 * Sets an account's tax configuration. Throws INVALID_ARGUMENT when the account is not recorded (an
 * account is recorded by its first start or import), naming the recorded ones.
 */
export async function setAccountTax(
  prisma: PrismaClient,
  name: string,
  setting: AccountTaxSetting,
): Promise<AccountTaxSetting> {
  const existing = await prisma.account.findUnique({ where: { name } });
  if (existing === null) {
    const known = await prisma.account.findMany({ select: { name: true }, orderBy: { name: 'asc' } });
    const names = known.map((row) => row.name).join(', ') || 'none';
    throw new HooklineError(
      'INVALID_ARGUMENT',
      `account '${name}' is not recorded (recorded accounts: ${names})`,
      {
        context: { account: name },
      },
    );
  }
  const basisReported = setting.taxForm !== 'NONE' && setting.basisReported;
  await prisma.account.update({
    where: { name },
    data: { taxForm: toStored[setting.taxForm], basisReported },
  });
  return { taxForm: setting.taxForm, basisReported };
}

/** The tax configuration of the named accounts that are recorded (others have none). */
export async function readAccountTaxSettings(
  prisma: PrismaClient,
  names: readonly string[],
): Promise<Map<string, AccountTaxSetting>> {
  const rows = await prisma.account.findMany({
    where: { name: { in: [...names] } },
    select: { name: true, taxForm: true, basisReported: true },
  });
  return new Map(
    rows.map((row) => [row.name, { taxForm: fromStored[row.taxForm], basisReported: row.basisReported }]),
  );
}
