-- CreateEnum
CREATE TYPE "exit_trigger" AS ENUM ('SENTINEL', 'CAP', 'OPERATOR', 'ALERT');

-- CreateTable
CREATE TABLE "exits" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "trigger" "exit_trigger" NOT NULL,
    "exit_reason" "exit_reason" NOT NULL,
    "rule_inputs" JSONB NOT NULL,
    "reference_price" DECIMAL,
    "target_amount" DECIMAL NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'WORKING',
    "detail" TEXT,
    "started_at" TIMESTAMPTZ(6) NOT NULL,
    "finished_at" TIMESTAMPTZ(6),

    CONSTRAINT "exits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sentinel_memory" (
    "account" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "sentinel_memory_pkey" PRIMARY KEY ("account","kind","symbol")
);

-- CreateIndex
CREATE INDEX "exits_account_symbol_started_at_idx" ON "exits"("account", "symbol", "started_at");

-- CreateIndex
CREATE INDEX "exits_outcome_idx" ON "exits"("outcome");

-- AddForeignKey
ALTER TABLE "exits" ADD CONSTRAINT "exits_id_fkey" FOREIGN KEY ("id") REFERENCES "decisions"("decision_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The exits started before this table: one row per exit decision of the exit executor (its plan in
-- rule_inputs.exit), its end from rule_inputs.completion.
INSERT INTO "exits" ("id", "account", "symbol", "trigger", "exit_reason", "rule_inputs", "reference_price",
                     "target_amount", "outcome", "detail", "started_at", "finished_at")
SELECT d."decision_id", d."account", d."symbol",
       (CASE
          WHEN d."exit_reason" = 'CAP_ENFORCEMENT' THEN 'CAP'
          WHEN d."exit_reason" IN ('MANUAL', 'EMERGENCY') OR d."rule_inputs" -> 'rule' ? 'operator' THEN 'OPERATOR'
          ELSE 'SENTINEL'
        END)::"exit_trigger",
       d."exit_reason", COALESCE(d."rule_inputs" -> 'rule', '{}'::jsonb),
       (d."rule_inputs" -> 'quote' ->> 'bid')::numeric,
       (d."rule_inputs" -> 'exit' ->> 'amount')::numeric,
       COALESCE(d."rule_inputs" -> 'completion' ->> 'outcome', 'WORKING'),
       d."rule_inputs" -> 'completion' ->> 'detail',
       d."created_at",
       (d."rule_inputs" -> 'completion' ->> 'finishedAt')::timestamptz
FROM "decisions" d
WHERE d."intent" = 'EXIT' AND d."outcome" = 'ORDERED' AND d."exit_reason" IS NOT NULL
  AND d."rule_inputs" -> 'exit' ->> 'amount' IS NOT NULL;
