-- Written by hand in the form `npm run db:migrate:new` generates (its SQL splitter trips over an
-- apostrophe in the comments of *_message_search), with Prisma's index names, so later diffs match.

-- CreateIndex
CREATE INDEX "Conversation_siteId_createdAt_idx" ON "Conversation"("siteId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_conversationId_sender_createdAt_idx" ON "Message"("conversationId", "sender", "createdAt");
