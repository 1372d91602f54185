-- AlterTable
ALTER TABLE "SuiteCase" ADD COLUMN     "threshold" DOUBLE PRECISION;
