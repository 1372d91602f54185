-- AlterTable
ALTER TABLE "Trial" ADD COLUMN     "routerMode" TEXT,
ADD COLUMN     "servedModelId" TEXT,
ADD COLUMN     "servedModelRaw" TEXT,
ADD COLUMN     "servedUnmapped" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "RunTargetStats" ADD COLUMN     "servedModels" JSONB NOT NULL DEFAULT '{}';
