-- Written by hand in the form `npm run db:migrate:new` generates, with the index name Prisma gives
-- @@index([siteId, lastMessageAt]), so later diffs match (the generator currently stops at a
-- semicolon inside a comment of *_message_search).

-- CreateIndex
CREATE INDEX "Conversation_siteId_lastMessageAt_idx" ON "Conversation"("siteId", "lastMessageAt");
