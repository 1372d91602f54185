-- AlterTable
ALTER TABLE "EvalRun" ADD COLUMN     "stream" BOOLEAN NOT NULL DEFAULT true;
