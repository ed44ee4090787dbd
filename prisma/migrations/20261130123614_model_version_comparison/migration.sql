-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "comparison" JSONB,
ADD COLUMN     "trainingExamples" JSONB NOT NULL DEFAULT '[]';
