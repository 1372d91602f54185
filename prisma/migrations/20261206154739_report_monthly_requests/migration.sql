-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "monthlyRequests" INTEGER;
