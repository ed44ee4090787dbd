import { db, type Prisma } from '@/lib/db';
import {
  ConversationListRequestSchema,
  type AgentConversation,
  type ConversationView,
} from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { toAgentConversation } from './views';
import { workspaceSiteIds } from './workspace-sites';

/** A page of the workspace's conversations for one inbox view. */
export async function listConversations(
  agent: AgentActor,
  input: unknown,
): Promise<{ conversations: AgentConversation[]; nextCursor: string | null }> {
  const { view, cursor, limit } = ConversationListRequestSchema.parse(input);
  const rows = await db().conversation.findMany({
    where: {
      siteId: { in: await workspaceSiteIds(agent.workspaceId) },
      ...viewFilter(view, agent),
    },
    orderBy: viewOrder(view),
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    include: {
      visitor: true,
      messages: {
        where: { isPrivate: false },
        orderBy: { seq: 'desc' },
        take: 1,
        select: { body: true },
      },
    },
  });
  const page = rows.slice(0, limit);
  return {
    conversations: page.map(({ messages, ...conversation }) =>
      toAgentConversation(
        { ...conversation, workspaceId: agent.workspaceId },
        messages[0]?.body ?? null,
      ),
    ),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}

function viewFilter(view: ConversationView, agent: AgentActor): Prisma.ConversationWhereInput {
  switch (view) {
    case 'needs_human':
      return { status: 'open' };
    case 'mine':
      return { assigneeId: agent.userId, status: { in: ['open', 'pending'] } };
    case 'open':
      return { status: { in: ['open', 'pending'] } };
    case 'bot':
      return { status: 'bot' };
    case 'resolved':
      return { status: 'resolved' };
    case 'all':
      return {};
  }
}

function viewOrder(view: ConversationView): Prisma.ConversationOrderByWithRelationInput[] {
  // Unassigned first, then oldest waiting first: who has waited longest gets help first.
  if (view === 'needs_human') {
    return [
      { assigneeId: { sort: 'asc', nulls: 'first' } },
      { waitingSince: 'asc' },
      { id: 'asc' },
    ];
  }
  return [{ lastMessageAt: 'desc' }, { id: 'asc' }];
}
