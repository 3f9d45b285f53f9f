-- Open FIFO lots (what is still held) with the cost basis of what remains. A lot is a buy fill quoted
-- in a USD currency (USD, USDC, USDT: the ledger's default set) minus every allocation drawn from it
-- (sells, base-asset fee disposals, transfers out), or a lot that arrived by transfer (a TRANSFER row:
-- held by the transfer's destination with the buy fill's time and price) minus what was drawn from it.
-- The unallocated part of the lot's fee stays in its basis.
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
