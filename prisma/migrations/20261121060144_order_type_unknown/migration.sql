-- AlterEnum
ALTER TYPE "order_type" ADD VALUE 'UNKNOWN';
