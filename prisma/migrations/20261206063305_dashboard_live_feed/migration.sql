-- AlterEnum
ALTER TYPE "decision_intent" ADD VALUE 'CONTROL';

-- AlterEnum
ALTER TYPE "decision_outcome" ADD VALUE 'APPLIED';

-- CreateIndex
CREATE INDEX "fills_created_at_idx" ON "fills"("created_at");

-- CreateIndex
CREATE INDEX "trade_records_updated_at_idx" ON "trade_records"("updated_at");
