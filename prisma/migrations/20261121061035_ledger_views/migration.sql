-- Views for people who query the ledger (source: prisma/views/*.sql, which the drift check applies).

-- Realized gains per account, tax year and term, for people who query the database directly.
-- The year is the UTC calendar year of the sale; `pnpm hookline tax report --timezone TZ` applies a
-- tax timezone and is the filing source. A SHORTFALL (sale beyond known inventory) has no term and is
-- counted as short-term, as in the report.
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
GROUP BY 1, 2, 3;

-- Open FIFO lots (what is still held) with the cost basis of what remains. A lot is a buy fill quoted
-- in a USD currency (USD, USDC, USDT: the ledger's default set) minus every allocation drawn from it
-- (sells and base-asset fee disposals). The unallocated part of the lot's fee stays in its basis.
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
  WHERE "buy_fill_id" IS NOT NULL
  GROUP BY "buy_fill_id"
) a ON a."buy_fill_id" = f."id"
WHERE f."side" = 'BUY'
  AND split_part(f."symbol", '/', 2) IN ('USD', 'USDC', 'USDT')
  AND f."size" - COALESCE(a."allocated_size", 0) > 0;
