-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled', 'budget_exceeded');

-- CreateTable
CREATE TABLE "Suite" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "format" TEXT,
    "fileName" TEXT,
    "caseCount" INTEGER NOT NULL,
    "inputTokens" INTEGER NOT NULL,
    "expectedOutputTokens" INTEGER NOT NULL,
    "hasJudge" BOOLEAN NOT NULL DEFAULT false,
    "isLatest" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuiteCase" (
    "suiteId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "tags" TEXT[],
    "messages" JSONB NOT NULL,
    "reference" TEXT,
    "assertions" JSONB NOT NULL,
    "vars" JSONB,

    CONSTRAINT "SuiteCase_pkey" PRIMARY KEY ("suiteId","id")
);

-- CreateTable
CREATE TABLE "EvalRun" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "suiteId" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "statusMessage" TEXT,
    "temperature" DOUBLE PRECISION NOT NULL,
    "maxTokens" INTEGER NOT NULL,
    "repeats" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "requestsPerMinute" INTEGER,
    "budgetUsd" DECIMAL(14,6),
    "spentUsd" DECIMAL(14,6) NOT NULL DEFAULT 0,
    "expectedTrials" INTEGER NOT NULL,
    "storedTrials" INTEGER NOT NULL DEFAULT 0,
    "isSimulated" BOOLEAN NOT NULL,
    "judgeOfferingId" TEXT,
    "judgeLabel" TEXT,
    "catalogSnapshotId" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'web',
    "launchedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "EvalRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunTarget" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "offeringIds" TEXT[],
    "policy" TEXT,
    "targets" JSONB NOT NULL,
    "platformIds" TEXT[],
    "isSimulated" BOOLEAN NOT NULL,

    CONSTRAINT "RunTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trial" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "repeat" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "output" TEXT,
    "score" DOUBLE PRECISION,
    "pass" BOOLEAN,
    "assertions" JSONB,
    "judgeModel" TEXT,
    "judgeReason" TEXT,
    "latencyMs" DOUBLE PRECISION,
    "ttftMs" DOUBLE PRECISION,
    "outputTokensPerSecond" DOUBLE PRECISION,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "costUsd" DOUBLE PRECISION,
    "errorKind" TEXT,
    "errorMessage" TEXT,
    "servedBy" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Trial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunTargetStats" (
    "runId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "trials" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "errorsByKind" JSONB NOT NULL DEFAULT '{}',
    "scored" INTEGER NOT NULL DEFAULT 0,
    "passed" INTEGER NOT NULL DEFAULT 0,
    "scoreSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "costUnknown" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "latencyHist" INTEGER[],
    "ttftHist" INTEGER[],
    "speedHist" INTEGER[],
    "servedBy" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunTargetStats_pkey" PRIMARY KEY ("runId","targetId")
);

-- CreateTable
CREATE TABLE "RunCaseStats" (
    "runId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "trials" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "scored" INTEGER NOT NULL DEFAULT 0,
    "passed" INTEGER NOT NULL DEFAULT 0,
    "scoreSum" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "RunCaseStats_pkey" PRIMARY KEY ("runId","targetId","caseId")
);

-- CreateTable
CREATE TABLE "EvalWorker" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvalWorker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalJobClaim" (
    "jobId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvalJobClaim_pkey" PRIMARY KEY ("jobId")
);

-- CreateTable
CREATE TABLE "EvalSlot" (
    "runId" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "workerId" TEXT,
    "leaseUntil" TIMESTAMP(3),

    CONSTRAINT "EvalSlot_pkey" PRIMARY KEY ("runId","platformId","slot")
);

-- CreateTable
CREATE TABLE "EvalRateBucket" (
    "runId" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "capacity" DOUBLE PRECISION NOT NULL,
    "perSecond" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvalRateBucket_pkey" PRIMARY KEY ("runId","platformId")
);

-- CreateTable
CREATE TABLE "EvalBudgetHold" (
    "runId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "reservedUsd" DECIMAL(14,6) NOT NULL DEFAULT 0,

    CONSTRAINT "EvalBudgetHold_pkey" PRIMARY KEY ("runId","workerId")
);

-- CreateIndex
CREATE INDEX "Suite_slug_idx" ON "Suite"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "SuiteCase_suiteId_position_key" ON "SuiteCase"("suiteId", "position");

-- CreateIndex
CREATE INDEX "EvalRun_createdAt_idx" ON "EvalRun"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RunTarget_runId_position_key" ON "RunTarget"("runId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Trial_runId_targetId_caseId_repeat_key" ON "Trial"("runId", "targetId", "caseId", "repeat");

-- CreateIndex
CREATE INDEX "EvalJobClaim_workerId_idx" ON "EvalJobClaim"("workerId");

-- AddForeignKey
ALTER TABLE "SuiteCase" ADD CONSTRAINT "SuiteCase_suiteId_fkey" FOREIGN KEY ("suiteId") REFERENCES "Suite"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_suiteId_fkey" FOREIGN KEY ("suiteId") REFERENCES "Suite"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunTarget" ADD CONSTRAINT "RunTarget_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EvalRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
