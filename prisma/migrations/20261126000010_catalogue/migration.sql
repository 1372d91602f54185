-- CreateEnum
CREATE TYPE "VendorTieKind" AS ENUM ('equity', 'exclusive_hosting', 'first_party', 'partnership');

-- AlterTable
ALTER TABLE "CatalogSnapshot" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "report" JSONB;

-- CreateTable
CREATE TABLE "OfferingPrice" (
    "id" TEXT NOT NULL,
    "offeringId" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "inputPrice" DECIMAL(14,6),
    "outputPrice" DECIMAL(14,6),
    "cachedInputPrice" DECIMAL(14,6),
    "batchInputPrice" DECIMAL(14,6),
    "batchOutputPrice" DECIMAL(14,6),
    "effectiveDate" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfferingPrice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VendorTie" (
    "id" TEXT NOT NULL,
    "platformOwner" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "kind" "VendorTieKind" NOT NULL,
    "amountUsd" DECIMAL(18,2),
    "announcedOn" DATE,
    "description" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "snapshotDate" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VendorTie_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OfferingPrice_offeringId_effectiveDate_idx" ON "OfferingPrice"("offeringId", "effectiveDate");

-- CreateIndex
CREATE UNIQUE INDEX "OfferingPrice_offeringId_snapshotId_key" ON "OfferingPrice"("offeringId", "snapshotId");

-- CreateIndex
CREATE UNIQUE INDEX "VendorTie_platformOwner_vendor_kind_key" ON "VendorTie"("platformOwner", "vendor", "kind");

-- AddForeignKey
ALTER TABLE "OfferingPrice" ADD CONSTRAINT "OfferingPrice_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "Offering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferingPrice" ADD CONSTRAINT "OfferingPrice_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "CatalogSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;
