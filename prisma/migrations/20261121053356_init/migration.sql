-- CreateEnum
CREATE TYPE "side" AS ENUM ('BUY', 'SELL');

-- CreateEnum
CREATE TYPE "order_type" AS ENUM ('LIMIT', 'MARKET');

-- CreateEnum
CREATE TYPE "time_in_force" AS ENUM ('GTC', 'IOC', 'FOK');

-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('NEW', 'SUBMITTED', 'OPEN', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELED', 'REJECTED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "order_trigger" AS ENUM ('ALERT', 'SIGNAL', 'EXIT', 'RECONCILED', 'IMPORT');

-- CreateEnum
CREATE TYPE "exit_reason" AS ENUM ('HARD_STOP', 'SOFT_STOP', 'TRAILING_STOP', 'TAKE_PROFIT', 'SIGNAL_EXIT', 'TTL', 'CAP_ENFORCEMENT', 'MANUAL', 'EMERGENCY');

-- CreateEnum
CREATE TYPE "order_source" AS ENUM ('SIGHOOK', 'WEBHOOK', 'RECONCILED', 'IMPORT');

-- CreateEnum
CREATE TYPE "ingest_via" AS ENUM ('WEBSOCKET', 'REST', 'IMPORT');

-- CreateEnum
CREATE TYPE "liquidity" AS ENUM ('MAKER', 'TAKER');

-- CreateEnum
CREATE TYPE "allocation_kind" AS ENUM ('SELL', 'FEE_DISPOSAL', 'SHORTFALL');

-- CreateEnum
CREATE TYPE "term" AS ENUM ('SHORT', 'LONG');

-- CreateEnum
CREATE TYPE "alert_source" AS ENUM ('TRADINGVIEW', 'SIGHOOK', 'API');

-- CreateEnum
CREATE TYPE "alert_status" AS ENUM ('ACCEPTED', 'REJECTED', 'DUPLICATE', 'PROCESSED', 'FAILED');

-- CreateEnum
CREATE TYPE "decision_intent" AS ENUM ('ENTRY', 'EXIT');

-- CreateEnum
CREATE TYPE "decision_outcome" AS ENUM ('ORDERED', 'BLOCKED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "matrix_action" AS ENUM ('BUY', 'SELL', 'HOLD');

-- CreateTable
CREATE TABLE "trade_records" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL DEFAULT 'default',
    "exchange" TEXT NOT NULL,
    "order_id" TEXT,
    "client_order_id" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "side" "side" NOT NULL,
    "order_type" "order_type" NOT NULL,
    "time_in_force" "time_in_force",
    "post_only" BOOLEAN NOT NULL DEFAULT false,
    "status" "order_status" NOT NULL,
    "status_reason" TEXT,
    "price" DECIMAL,
    "size" DECIMAL NOT NULL,
    "filled_size" DECIMAL NOT NULL DEFAULT 0,
    "avg_fill_price" DECIMAL,
    "total_fees_usd" DECIMAL NOT NULL DEFAULT 0,
    "fee_currency" TEXT,
    "trigger" "order_trigger" NOT NULL,
    "exit_reason" "exit_reason",
    "decision_id" TEXT,
    "source" "order_source" NOT NULL,
    "pnl_usd" DECIMAL,
    "cost_basis_usd" DECIMAL,
    "sale_proceeds_usd" DECIMAL,
    "net_sale_proceeds_usd" DECIMAL,
    "remaining_size" DECIMAL,
    "order_time" TIMESTAMPTZ(6) NOT NULL,
    "ingest_via" "ingest_via",
    "last_reconciled_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trade_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fills" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL DEFAULT 'default',
    "exchange" TEXT NOT NULL,
    "trade_id" TEXT NOT NULL,
    "order_id" TEXT,
    "client_order_id" TEXT,
    "trade_record_id" TEXT,
    "symbol" TEXT NOT NULL,
    "side" "side" NOT NULL,
    "price" DECIMAL NOT NULL,
    "size" DECIMAL NOT NULL,
    "fee" DECIMAL NOT NULL DEFAULT 0,
    "fee_currency" TEXT NOT NULL,
    "fee_usd" DECIMAL,
    "fee_unvalued" BOOLEAN NOT NULL DEFAULT false,
    "liquidity" "liquidity",
    "executed_at" TIMESTAMPTZ(6) NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL,
    "arrival_seq" BIGSERIAL NOT NULL,
    "ingest_via" "ingest_via" NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fifo_allocations" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL DEFAULT 'default',
    "symbol" TEXT NOT NULL,
    "asset" TEXT NOT NULL,
    "kind" "allocation_kind" NOT NULL,
    "sell_fill_id" TEXT NOT NULL,
    "slice_index" INTEGER NOT NULL,
    "buy_fill_id" TEXT,
    "sell_order_id" TEXT,
    "buy_order_id" TEXT,
    "allocated_size" DECIMAL NOT NULL,
    "buy_price" DECIMAL NOT NULL,
    "sell_price" DECIMAL NOT NULL,
    "buy_fees_per_unit" DECIMAL NOT NULL,
    "sell_fees_per_unit" DECIMAL NOT NULL,
    "buy_fee_usd" DECIMAL NOT NULL,
    "sell_fee_usd" DECIMAL NOT NULL,
    "cost_basis_usd" DECIMAL NOT NULL,
    "proceeds_usd" DECIMAL NOT NULL,
    "net_proceeds_usd" DECIMAL NOT NULL,
    "pnl_usd" DECIMAL NOT NULL,
    "buy_time" TIMESTAMPTZ(6),
    "sell_time" TIMESTAMPTZ(6) NOT NULL,
    "term" "term",
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fifo_allocations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "source" "alert_source" NOT NULL,
    "raw_body" TEXT NOT NULL,
    "parsed_payload" JSONB,
    "remote_address" TEXT,
    "status" "alert_status" NOT NULL,
    "reason" TEXT,
    "received_at" TIMESTAMPTZ(6) NOT NULL,
    "processed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decisions" (
    "decision_id" TEXT NOT NULL,
    "account" TEXT NOT NULL DEFAULT 'default',
    "symbol" TEXT NOT NULL,
    "side" "side",
    "intent" "decision_intent" NOT NULL,
    "outcome" "decision_outcome" NOT NULL,
    "reason_code" TEXT NOT NULL,
    "exit_reason" "exit_reason",
    "rule_inputs" JSONB NOT NULL,
    "alert_id" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("decision_id")
);

-- CreateTable
CREATE TABLE "signal_matrix" (
    "id" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "timeframe" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(6) NOT NULL,
    "candle_time" TIMESTAMPTZ(6) NOT NULL,
    "indicators" JSONB NOT NULL,
    "buy_score" DECIMAL NOT NULL,
    "sell_score" DECIMAL NOT NULL,
    "action" "matrix_action" NOT NULL,
    "atr" DECIMAL,

    CONSTRAINT "signal_matrix_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "position_state" (
    "account" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "entry_time" TIMESTAMPTZ(6) NOT NULL,
    "peak_price" DECIMAL NOT NULL,
    "trailing_active" BOOLEAN NOT NULL DEFAULT false,
    "trailing_stop" DECIMAL,
    "last_evaluated_at" TIMESTAMPTZ(6),
    "hodl" BOOLEAN NOT NULL DEFAULT false,
    "dust" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "position_state_pkey" PRIMARY KEY ("account","symbol")
);

-- CreateIndex
CREATE UNIQUE INDEX "trade_records_client_order_id_key" ON "trade_records"("client_order_id");

-- CreateIndex
CREATE INDEX "trade_records_account_symbol_order_time_idx" ON "trade_records"("account", "symbol", "order_time");

-- CreateIndex
CREATE INDEX "trade_records_status_account_symbol_idx" ON "trade_records"("status", "account", "symbol");

-- CreateIndex
CREATE INDEX "trade_records_decision_id_idx" ON "trade_records"("decision_id");

-- CreateIndex
CREATE UNIQUE INDEX "trade_records_account_exchange_order_id_key" ON "trade_records"("account", "exchange", "order_id");

-- CreateIndex
CREATE UNIQUE INDEX "fills_arrival_seq_key" ON "fills"("arrival_seq");

-- CreateIndex
CREATE INDEX "fills_account_symbol_executed_at_arrival_seq_idx" ON "fills"("account", "symbol", "executed_at", "arrival_seq");

-- CreateIndex
CREATE INDEX "fills_trade_record_id_idx" ON "fills"("trade_record_id");

-- CreateIndex
CREATE INDEX "fills_order_id_idx" ON "fills"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "fills_account_exchange_trade_id_key" ON "fills"("account", "exchange", "trade_id");

-- CreateIndex
CREATE INDEX "fifo_allocations_account_sell_time_idx" ON "fifo_allocations"("account", "sell_time");

-- CreateIndex
CREATE INDEX "fifo_allocations_buy_fill_id_idx" ON "fifo_allocations"("buy_fill_id");

-- CreateIndex
CREATE INDEX "fifo_allocations_account_asset_idx" ON "fifo_allocations"("account", "asset");

-- CreateIndex
CREATE UNIQUE INDEX "fifo_allocations_sell_fill_id_slice_index_key" ON "fifo_allocations"("sell_fill_id", "slice_index");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_idempotency_key_key" ON "alerts"("idempotency_key");

-- CreateIndex
CREATE INDEX "alerts_received_at_idx" ON "alerts"("received_at");

-- CreateIndex
CREATE INDEX "alerts_status_received_at_idx" ON "alerts"("status", "received_at");

-- CreateIndex
CREATE INDEX "decisions_created_at_idx" ON "decisions"("created_at");

-- CreateIndex
CREATE INDEX "decisions_symbol_created_at_idx" ON "decisions"("symbol", "created_at");

-- CreateIndex
CREATE INDEX "decisions_alert_id_idx" ON "decisions"("alert_id");

-- CreateIndex
CREATE INDEX "signal_matrix_symbol_computed_at_idx" ON "signal_matrix"("symbol", "computed_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "signal_matrix_symbol_timeframe_candle_time_key" ON "signal_matrix"("symbol", "timeframe", "candle_time");

-- AddForeignKey
ALTER TABLE "trade_records" ADD CONSTRAINT "trade_records_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("decision_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fills" ADD CONSTRAINT "fills_trade_record_id_fkey" FOREIGN KEY ("trade_record_id") REFERENCES "trade_records"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fifo_allocations" ADD CONSTRAINT "fifo_allocations_sell_fill_id_fkey" FOREIGN KEY ("sell_fill_id") REFERENCES "fills"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fifo_allocations" ADD CONSTRAINT "fifo_allocations_buy_fill_id_fkey" FOREIGN KEY ("buy_fill_id") REFERENCES "fills"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
