-- AlterTable
ALTER TABLE "alerts" ADD COLUMN     "raw_body_bytes" BYTEA;
