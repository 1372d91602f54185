-- AlterTable
ALTER TABLE "Offering" ADD COLUMN     "fieldSources" JSONB NOT NULL DEFAULT '{}';
