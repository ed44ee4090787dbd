-- CreateTable
CREATE TABLE "BotTurn" (
    "messageId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BotTurn_pkey" PRIMARY KEY ("messageId")
);

-- CreateIndex
CREATE INDEX "BotTurn_conversationId_seq_idx" ON "BotTurn"("conversationId", "seq");

-- CreateIndex
CREATE INDEX "BotTurn_dueAt_idx" ON "BotTurn"("dueAt");

-- AddForeignKey
ALTER TABLE "BotTurn" ADD CONSTRAINT "BotTurn_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
