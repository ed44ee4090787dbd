-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "botState" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Intent" ADD COLUMN     "slots" JSONB NOT NULL DEFAULT '[]';
