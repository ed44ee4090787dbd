-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "testPhraseMetrics" JSONB;

-- CreateTable
CREATE TABLE "TestPhrase" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TestPhrase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TestPhrase_siteId_intent_text_key" ON "TestPhrase"("siteId", "intent", "text");

-- AddForeignKey
ALTER TABLE "TestPhrase" ADD CONSTRAINT "TestPhrase_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;
