-- Full-text search across messages for the inbox (hand-written: Prisma cannot express an expression
-- index, and its diff ignores this one, so later generated migrations leave it alone).
-- 'simple' keeps every language's words as they are; queries match by prefix.
CREATE INDEX "Message_body_search_idx" ON "Message" USING GIN (to_tsvector('simple', "body"));
