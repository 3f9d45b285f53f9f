-- AlterEnum
ALTER TYPE "allocation_kind" ADD VALUE 'TRANSFER';

-- AlterTable
ALTER TABLE "fifo_allocations" ADD COLUMN     "lot_slice_index" INTEGER,
ADD COLUMN     "lot_transfer_id" TEXT,
ADD COLUMN     "transfer_id" TEXT,
ALTER COLUMN "sell_fill_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "transfers" (
    "id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "from_account" TEXT NOT NULL,
    "to_account" TEXT NOT NULL,
    "asset" TEXT NOT NULL,
    "quantity" DECIMAL NOT NULL,
    "fee_quantity" DECIMAL NOT NULL DEFAULT 0,
    "fee_price_usd" DECIMAL,
    "executed_at" TIMESTAMPTZ(6) NOT NULL,
    "arrival_seq" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transfers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "transfers_external_id_key" ON "transfers"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "transfers_arrival_seq_key" ON "transfers"("arrival_seq");

-- CreateIndex
CREATE INDEX "transfers_asset_from_account_idx" ON "transfers"("asset", "from_account");

-- CreateIndex
CREATE INDEX "transfers_asset_to_account_idx" ON "transfers"("asset", "to_account");

-- CreateIndex
CREATE INDEX "fifo_allocations_lot_transfer_id_lot_slice_index_idx" ON "fifo_allocations"("lot_transfer_id", "lot_slice_index");

-- CreateIndex
CREATE UNIQUE INDEX "fifo_allocations_transfer_id_slice_index_key" ON "fifo_allocations"("transfer_id", "slice_index");

-- AddForeignKey
ALTER TABLE "fifo_allocations" ADD CONSTRAINT "fifo_allocations_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "transfers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The open_lots view also lists lots that arrived by transfer, and realized_gains_by_year leaves
-- transfers out (prisma/views/*.sql hold the same definitions).
DROP VIEW "open_lots";
DROP VIEW "realized_gains_by_year";

CREATE VIEW "realized_gains_by_year" AS
SELECT
  "account",
  CAST(EXTRACT(YEAR FROM "sell_time" AT TIME ZONE 'UTC') AS INTEGER) AS "tax_year",
  COALESCE(CAST("term" AS TEXT), 'SHORT') AS "term",
  COUNT(*) AS "allocations",
  SUM("allocated_size") AS "allocated_size",
  SUM("proceeds_usd") AS "proceeds_usd",
  SUM("net_proceeds_usd") AS "net_proceeds_usd",
  SUM("cost_basis_usd") AS "cost_basis_usd",
  SUM("pnl_usd") AS "pnl_usd",
  COUNT(*) FILTER (WHERE "kind" = 'SHORTFALL') AS "shortfalls"
FROM "fifo_allocations"
WHERE CAST("kind" AS TEXT) <> 'TRANSFER'
GROUP BY 1, 2, 3;

CREATE VIEW "open_lots" AS
SELECT
  f."account",
  split_part(f."symbol", '/', 1) AS "asset",
  f."symbol",
  f."id" AS "buy_fill_id",
  f."order_id" AS "buy_order_id",
  f."executed_at" AS "buy_time",
  f."price" AS "buy_price",
  f."size" AS "lot_size",
  f."size" - COALESCE(a."allocated_size", 0) AS "remaining_size",
  (f."size" - COALESCE(a."allocated_size", 0)) * f."price"
    + (COALESCE(f."fee_usd", 0) - COALESCE(a."buy_fee_usd", 0)) AS "remaining_cost_basis_usd"
FROM "fills" f
LEFT JOIN (
  SELECT "buy_fill_id", SUM("allocated_size") AS "allocated_size", SUM("buy_fee_usd") AS "buy_fee_usd"
  FROM "fifo_allocations"
  WHERE "buy_fill_id" IS NOT NULL AND "lot_transfer_id" IS NULL
  GROUP BY "buy_fill_id"
) a ON a."buy_fill_id" = f."id"
WHERE f."side" = 'BUY'
  AND split_part(f."symbol", '/', 2) IN ('USD', 'USDC', 'USDT')
  AND f."size" - COALESCE(a."allocated_size", 0) > 0
UNION ALL
SELECT
  t."to_account" AS "account",
  m."asset",
  m."symbol",
  m."buy_fill_id",
  m."buy_order_id",
  m."buy_time",
  m."buy_price",
  m."allocated_size" AS "lot_size",
  m."allocated_size" - COALESCE(c."allocated_size", 0) AS "remaining_size",
  (m."allocated_size" - COALESCE(c."allocated_size", 0)) * m."buy_price"
    + (m."buy_fee_usd" - COALESCE(c."buy_fee_usd", 0)) AS "remaining_cost_basis_usd"
FROM "fifo_allocations" m
JOIN "transfers" t ON t."id" = m."transfer_id"
LEFT JOIN (
  SELECT "lot_transfer_id", "lot_slice_index",
         SUM("allocated_size") AS "allocated_size", SUM("buy_fee_usd") AS "buy_fee_usd"
  FROM "fifo_allocations"
  WHERE "lot_transfer_id" IS NOT NULL
  GROUP BY "lot_transfer_id", "lot_slice_index"
) c ON c."lot_transfer_id" = m."transfer_id" AND c."lot_slice_index" = m."slice_index"
WHERE CAST(m."kind" AS TEXT) = 'TRANSFER'
  AND m."allocated_size" - COALESCE(c."allocated_size", 0) > 0;
