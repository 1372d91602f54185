-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "PlatformKind" AS ENUM ('cloud', 'vendor_api', 'self_hosted');

-- CreateEnum
CREATE TYPE "LifecycleStatus" AS ENUM ('ga', 'preview', 'deprecated', 'retired');

-- CreateTable
CREATE TABLE "CatalogSnapshot" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Platform" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PlatformKind" NOT NULL,
    "owner" TEXT NOT NULL,
    "homepageUrl" TEXT,
    "sourceUrl" TEXT NOT NULL,
    "snapshotDate" DATE NOT NULL,
    "snapshotId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Platform_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "openWeights" BOOLEAN NOT NULL DEFAULT false,
    "releaseDate" DATE,
    "sourceUrl" TEXT NOT NULL,
    "snapshotDate" DATE NOT NULL,
    "snapshotId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Offering" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "nativeId" TEXT NOT NULL,
    "regions" TEXT[],
    "inputPrice" DECIMAL(14,6),
    "outputPrice" DECIMAL(14,6),
    "cachedInputPrice" DECIMAL(14,6),
    "batchInputPrice" DECIMAL(14,6),
    "batchOutputPrice" DECIMAL(14,6),
    "contextWindow" INTEGER,
    "maxOutputTokens" INTEGER,
    "capabilities" TEXT[],
    "apiStyles" TEXT[],
    "lifecycle" "LifecycleStatus" NOT NULL DEFAULT 'ga',
    "deprecationDate" DATE,
    "sourceUrl" TEXT NOT NULL,
    "snapshotDate" DATE NOT NULL,
    "snapshotId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Offering_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CatalogSnapshot_takenAt_idx" ON "CatalogSnapshot"("takenAt");

-- CreateIndex
CREATE INDEX "Model_vendor_idx" ON "Model"("vendor");

-- CreateIndex
CREATE INDEX "Model_family_idx" ON "Model"("family");

-- CreateIndex
CREATE INDEX "Offering_modelId_idx" ON "Offering"("modelId");

-- CreateIndex
CREATE UNIQUE INDEX "Offering_platformId_nativeId_key" ON "Offering"("platformId", "nativeId");

-- AddForeignKey
ALTER TABLE "Platform" ADD CONSTRAINT "Platform_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "CatalogSnapshot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "CatalogSnapshot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offering" ADD CONSTRAINT "Offering_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "Platform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offering" ADD CONSTRAINT "Offering_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offering" ADD CONSTRAINT "Offering_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "CatalogSnapshot"("id") ON DELETE SET NULL ON UPDATE CASCADE;
