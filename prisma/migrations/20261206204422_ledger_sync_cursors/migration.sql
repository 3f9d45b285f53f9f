-- CreateTable
CREATE TABLE "ledger_sync_cursors" (
    "account" TEXT NOT NULL,
    "exchange" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "cursor" TEXT NOT NULL,
    "last_trade_id" TEXT,
    "last_fill_at" TIMESTAMPTZ(6),
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ledger_sync_cursors_pkey" PRIMARY KEY ("account","exchange","symbol")
);
