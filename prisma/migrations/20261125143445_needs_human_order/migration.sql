-- The inbox's "needs a human" view, in its order (unassigned first, then longest waiting), so a page
-- is read off the index instead of sorting every open conversation. Hand-written: Prisma cannot
-- express an expression or partial index, and its diff ignores this one.
CREATE INDEX "Conversation_needs_human_order_idx" ON "Conversation"
  ("siteId", ("assigneeId" IS NOT NULL), coalesce("waitingSince", 'infinity'::timestamp), id)
  WHERE status = 'open';
