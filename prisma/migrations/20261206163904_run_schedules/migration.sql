-- AlterTable
ALTER TABLE "EvalRun" ADD COLUMN     "scheduleId" TEXT,
ADD COLUMN     "scheduleVersion" INTEGER;

-- CreateTable
CREATE TABLE "RunSchedule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "cron" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "monthlyBudgetUsd" DECIMAL(14,6),
    "isPaused" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "lastFiredAt" TIMESTAMP(3),
    "lastOutcome" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EvalRun_scheduleId_createdAt_idx" ON "EvalRun"("scheduleId", "createdAt");

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "RunSchedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;
