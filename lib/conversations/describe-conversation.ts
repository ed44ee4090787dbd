import { db } from '@/lib/db';
import { ConversationRequestSchema } from '@/lib/schemas/events';
import { StoredBotStateSchema } from '@/lib/schemas/bot-state';
import type { ConversationDetails } from '@/lib/schemas/inbox';
import type { AgentActor } from './actors';
import { loadWorkspaceConversation } from './records';
import { describeDevice } from './describe-device';

const PAST_CONVERSATIONS = 20;

/** Everything the side panel shows about a conversation's visitor and history. */
export async function describeConversation(
  agent: AgentActor,
  input: unknown,
): Promise<ConversationDetails> {
  const { conversationId } = ConversationRequestSchema.parse(input);
  const conversation = await loadWorkspaceConversation(agent.workspaceId, conversationId);
  const { visitor } = conversation;
  const [site, past, versions] = await Promise.all([
    db().site.findUniqueOrThrow({
      where: { id: conversation.siteId },
      select: { id: true, name: true },
    }),
    db().conversation.findMany({
      where: { visitorId: visitor.id, id: { not: conversation.id } },
      orderBy: { createdAt: 'desc' },
      take: PAST_CONVERSATIONS,
      select: {
        id: true,
        status: true,
        createdAt: true,
        messages: {
          where: { isPrivate: false },
          orderBy: { seq: 'desc' },
          take: 1,
          select: { body: true },
        },
      },
    }),
    db().modelVersion.findMany({
      where: { messages: { some: { conversationId: conversation.id } } },
      select: { id: true, version: true },
    }),
  ]);
  return {
    conversationId: conversation.id,
    site,
    visitor: {
      id: visitor.id,
      name: visitor.name,
      email: visitor.email,
      externalId: visitor.externalId,
      identityVerified: visitor.identityVerified,
      currentUrl: visitor.currentUrl,
      browser: visitor.browser,
      device: describeDevice(visitor.browser),
      language: visitor.language,
      firstSeenAt: visitor.firstSeenAt.toISOString(),
      lastSeenAt: visitor.lastSeenAt.toISOString(),
    },
    pastConversations: past.map((row) => ({
      id: row.id,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      preview: row.messages[0]?.body.slice(0, 140) ?? null,
    })),
    modelVersions: versions,
    createdAt: conversation.createdAt.toISOString(),
    firstResponseAt: conversation.firstResponseAt?.toISOString() ?? null,
    resolvedAt: conversation.resolvedAt?.toISOString() ?? null,
    csat:
      conversation.csatScore === null
        ? null
        : { score: conversation.csatScore, comment: conversation.csatComment },
    botState: StoredBotStateSchema.parse(conversation.botState),
  };
}
