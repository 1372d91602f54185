-- AlterTable
ALTER TABLE "RunTarget" ADD COLUMN     "policyConfig" JSONB;

-- AlterTable
ALTER TABLE "RunCaseStats" ADD COLUMN     "costSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "costed" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "LockinSettings" (
    "userId" TEXT NOT NULL,
    "weights" JSONB,
    "profile" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LockinSettings_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "SavedRoutingPolicy" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "offeringIds" TEXT[],
    "config" JSONB NOT NULL,
    "sourceRunId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedRoutingPolicy_pkey" PRIMARY KEY ("id")
);
