-- Realized gains per account, tax year and term, for people who query the database directly.
-- The year is the UTC calendar year of the sale; `pnpm hookline tax report --timezone TZ` applies a
-- tax timezone and is the filing source. A SHORTFALL (sale beyond known inventory) has no term and is
-- counted as short-term, as in the report. A TRANSFER (a move between the user's accounts) is not a
-- disposal and is left out.
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
