-- CreateTable
CREATE TABLE "CatalogSyncSettings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "hourUtc" INTEGER NOT NULL DEFAULT 3,
    "sources" TEXT[] DEFAULT ARRAY['litellm', 'models-dev']::TEXT[],
    "litellmUrl" TEXT NOT NULL,
    "modelsDevUrl" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogSyncSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogSyncRun" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "source" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "snapshotId" TEXT,
    "counts" JSONB,
    "requestedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CatalogSyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CatalogSyncRun_createdAt_idx" ON "CatalogSyncRun"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogSyncRun_dueAt_source_key" ON "CatalogSyncRun"("dueAt", "source");
