-- AlterEnum
ALTER TYPE "exit_reason" ADD VALUE 'PROTECTIVE_STOP';

-- AlterEnum
ALTER TYPE "order_type" ADD VALUE 'STOP_LIMIT';

-- AlterTable
ALTER TABLE "trade_records" ADD COLUMN     "stop_price" DECIMAL;
