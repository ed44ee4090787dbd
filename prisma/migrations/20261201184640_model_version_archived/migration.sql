-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "archivedAt" TIMESTAMP(3);
