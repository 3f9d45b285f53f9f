-- Alerts carry their account: the deployments of several accounts share one database, each receives
-- and processes only its own alerts, and two accounts' TradingView alerts may carry the same id.
ALTER TABLE "alerts" ADD COLUMN "account" TEXT;

-- Rows written before: a decided alert belongs to its decision's account (the account that processed
-- it). An alert without a decision (still ACCEPTED, or refused at the door) belongs to the account the
-- deployment trades now: the most recently recorded account (one deployment records its account at its
-- first start), else `paper`, the account a start with nothing configured trades. docs/operations.md,
-- "Upgrading", says how to move still ACCEPTED alerts to another account.
UPDATE "alerts" AS a SET "account" = d."account"
FROM (
    SELECT DISTINCT ON ("alert_id") "alert_id", "account"
    FROM "decisions"
    WHERE "alert_id" IS NOT NULL
    ORDER BY "alert_id", "created_at"
) AS d
WHERE d."alert_id" = a."id";

UPDATE "alerts"
SET "account" = COALESCE(
    (SELECT "name" FROM "accounts" ORDER BY "created_at" DESC, "name" LIMIT 1),
    'paper'
)
WHERE "account" IS NULL;

ALTER TABLE "alerts" ALTER COLUMN "account" SET NOT NULL;

-- The idempotency key is unique per account.
DROP INDEX "alerts_idempotency_key_key";
CREATE UNIQUE INDEX "alerts_account_idempotency_key_key" ON "alerts"("account", "idempotency_key");

-- The recovery sweeper pages through one account's ACCEPTED alerts in (received_at, id) order.
DROP INDEX "alerts_status_received_at_idx";
CREATE INDEX "alerts_account_status_received_at_id_idx" ON "alerts"("account", "status", "received_at", "id");
