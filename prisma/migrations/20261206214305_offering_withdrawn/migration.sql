-- AlterTable
ALTER TABLE "Offering" ADD COLUMN     "originSource" TEXT,
ADD COLUMN     "withdrawnAt" DATE,
ADD COLUMN     "withdrawnSnapshotId" TEXT;

-- Offerings loaded before this migration: the source of the snapshot that wrote their first
-- price row (written when the offering was created), else of the snapshot that last touched them.
UPDATE "Offering" AS o SET "originSource" = COALESCE(
  (SELECT s."source" FROM "OfferingPrice" p JOIN "CatalogSnapshot" s ON s."id" = p."snapshotId"
    WHERE p."offeringId" = o."id" ORDER BY p."effectiveDate", p."createdAt" LIMIT 1),
  (SELECT s."source" FROM "CatalogSnapshot" s WHERE s."id" = o."snapshotId"));
