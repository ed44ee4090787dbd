-- AlterTable
ALTER TABLE "TrainingExample" ADD COLUMN     "annotations" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "CustomEntity" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "values" JSONB NOT NULL DEFAULT '[]',
    "lookup" TEXT[],
    "patterns" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomEntity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CustomEntity_siteId_name_key" ON "CustomEntity"("siteId", "name");

-- AddForeignKey
ALTER TABLE "CustomEntity" ADD CONSTRAINT "CustomEntity_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;
