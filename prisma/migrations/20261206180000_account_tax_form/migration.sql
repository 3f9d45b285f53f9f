-- CreateEnum
CREATE TYPE "account_tax_form" AS ENUM ('NONE', '1099-B', '1099-DA');

-- AlterTable: every existing account received no tax form until the user says otherwise
-- (`hookline accounts tax`), so its disposals go in the "not reported" boxes (C/F, I/L).
ALTER TABLE "accounts" ADD COLUMN "tax_form" "account_tax_form" NOT NULL DEFAULT 'NONE',
ADD COLUMN "basis_reported" BOOLEAN NOT NULL DEFAULT false;
