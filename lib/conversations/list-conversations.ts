import { db } from '@/lib/db';
import { ConversationListRequestSchema, type AgentConversation } from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { toAgentConversation } from './views';
import { inboxPage } from './inbox-page';
import { workspaceSiteIds } from './workspace-sites';

/** A page of the workspace's conversations for one inbox view. */
export async function listConversations(
  agent: AgentActor,
  input: unknown,
): Promise<{ conversations: AgentConversation[]; nextCursor: string | null }> {
  const { view, cursor, limit } = ConversationListRequestSchema.parse(input);
  const ids = await inboxPage(view, {
    userId: agent.userId,
    siteIds: await workspaceSiteIds(agent.workspaceId),
    cursor,
    take: limit + 1,
  });
  const [rows, previews] = await Promise.all([
    loadInOrder(ids.slice(0, limit)),
    lastVisibleMessages(ids),
  ]);
  return {
    conversations: rows.map((conversation) =>
      toAgentConversation(
        { ...conversation, workspaceId: agent.workspaceId },
        previews.get(conversation.id) ?? null,
      ),
    ),
    nextCursor: ids.length > limit ? ids[limit - 1] : null,
  };
}

async function loadInOrder(ids: string[]) {
  const rows = await db().conversation.findMany({
    where: { id: { in: ids } },
    include: { visitor: true },
  });
  const position = new Map(ids.map((id, index) => [id, index]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

/** Each conversation's last message the visitor can see, for the list's preview (one index probe each). */
async function lastVisibleMessages(ids: string[]): Promise<Map<string, string>> {
  const rows = await db().$queryRaw<{ id: string; body: string }[]>`
    SELECT c.id, last.body
    FROM unnest(${ids}::text[]) AS c(id)
    CROSS JOIN LATERAL (
      SELECT m.body FROM "Message" m
      WHERE m."conversationId" = c.id AND NOT m."isPrivate"
      ORDER BY m.seq DESC LIMIT 1
    ) last`;
  return new Map(rows.map((row) => [row.id, row.body]));
}
