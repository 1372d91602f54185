-- AlterTable
ALTER TABLE "RunSchedule" ADD COLUMN     "alertErrorRate" DOUBLE PRECISION,
ADD COLUMN     "alertLatencyP95Ms" INTEGER;

-- CreateTable
CREATE TABLE "RunScheduleVersion" (
    "scheduleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "cron" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "monthlyBudgetUsd" DECIMAL(14,6),
    "alertLatencyP95Ms" INTEGER,
    "alertErrorRate" DOUBLE PRECISION,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunScheduleVersion_pkey" PRIMARY KEY ("scheduleId","version")
);

-- CreateTable
CREATE TABLE "Regression" (
    "id" TEXT NOT NULL,
    "scheduleId" TEXT,
    "runId" TEXT NOT NULL,
    "previousRunId" TEXT,
    "rule" TEXT NOT NULL,
    "targetLabel" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Regression_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertChannel" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'webhook',
    "url" TEXT NOT NULL,
    "sealedSecret" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "regressionId" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Regression_createdAt_idx" ON "Regression"("createdAt");

-- CreateIndex
CREATE INDEX "Regression_scheduleId_createdAt_idx" ON "Regression"("scheduleId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Regression_runId_rule_targetLabel_key" ON "Regression"("runId", "rule", "targetLabel");

-- CreateIndex
CREATE INDEX "AlertDelivery_channelId_createdAt_idx" ON "AlertDelivery"("channelId", "createdAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_status_nextAttemptAt_idx" ON "AlertDelivery"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "RunScheduleVersion" ADD CONSTRAINT "RunScheduleVersion_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "RunSchedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regression" ADD CONSTRAINT "Regression_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "RunSchedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "AlertChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_regressionId_fkey" FOREIGN KEY ("regressionId") REFERENCES "Regression"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Schedules saved before versions were kept: their current definition is their version's.
INSERT INTO "RunScheduleVersion" ("scheduleId", "version", "name", "definition", "cron", "timezone", "monthlyBudgetUsd", "createdById", "createdAt")
SELECT "id", "version", "name", "definition", "cron", "timezone", "monthlyBudgetUsd", "createdById", "updatedAt" FROM "RunSchedule";
