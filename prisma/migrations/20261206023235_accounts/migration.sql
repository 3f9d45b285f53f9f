-- CreateEnum
CREATE TYPE "account_mode" AS ENUM ('paper', 'live');

-- CreateTable
CREATE TABLE "accounts" (
    "name" TEXT NOT NULL,
    "mode" "account_mode" NOT NULL,
    "exchange" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("name")
);

-- Classify the account rows written before this table existed (every process traded `default`
-- unless HOOKLINE_ACCOUNT said otherwise). The paper exchange records its orders and fills with
-- exchange `paper`, so an account's mode is known from its rows:
--   - only `paper` rows                -> a paper account;
--   - only rows of a real exchange     -> a live account on that exchange;
--   - both (paper history, then live)  -> a paper account: its FIFO books mix simulated and real
--     fills, so it must not count as live (docs/operations.md, "Upgrading", says how to re-import).
-- Accounts without rows are not recorded; a process records its account at its first start.
INSERT INTO "accounts" ("name", "mode", "exchange")
SELECT
    "account",
    CASE WHEN bool_or("exchange" = 'paper') THEN 'paper'::"account_mode" ELSE 'live'::"account_mode" END,
    CASE WHEN bool_or("exchange" = 'paper') THEN 'paper' ELSE min("exchange") END
FROM (
    SELECT "account", "exchange" FROM "trade_records"
    UNION ALL
    SELECT "account", "exchange" FROM "fills"
) AS "rows"
GROUP BY "account";
