import { db, type Conversation, type Message, type Prisma, type Visitor } from '@/lib/db';
import { ActionError } from '@/lib/auth/errors';
import { findSite } from './sites';

/** A conversation with what every consumer of its events needs: the visitor and the workspace. */
export type ConversationRecord = Conversation & { visitor: Visitor; workspaceId: string };

/** A stored message and, for agent messages, the author's name as the visitor sees it. */
export type StoredMessage = Message & { authorName: string | null };

export async function loadConversation(
  where: Prisma.ConversationWhereInput,
  orderBy?: Prisma.ConversationOrderByWithRelationInput,
  client: Prisma.TransactionClient = db(),
): Promise<ConversationRecord | null> {
  const conversation = await client.conversation.findFirst({
    where,
    orderBy,
    include: { visitor: true },
  });
  if (!conversation) return null;
  const site = await findSite(conversation.siteId);
  if (!site) return null;
  return { ...conversation, workspaceId: site.workspaceId };
}

/** A conversation of the caller's workspace; anything else is "not found", never "forbidden". */
export async function loadWorkspaceConversation(
  workspaceId: string,
  conversationId: string,
): Promise<ConversationRecord> {
  const conversation = await loadConversation({ id: conversationId, site: { workspaceId } });
  if (!conversation) throw new ActionError('not_found', 'No such conversation');
  return conversation;
}

/** Messages after `afterSeq`, oldest first, with agents' names. */
export async function loadMessages(
  conversationId: string,
  options: { afterSeq: number; includePrivate: boolean; limit?: number },
): Promise<StoredMessage[]> {
  const messages = await db().message.findMany({
    where: {
      conversationId,
      seq: { gt: options.afterSeq },
      ...(options.includePrivate ? {} : { isPrivate: false }),
    },
    orderBy: { seq: 'asc' },
    take: options.limit ?? 500,
    include: { author: { select: { name: true } } },
  });
  return messages.map(({ author, ...message }) => ({
    ...message,
    authorName: author?.name ?? null,
  }));
}
