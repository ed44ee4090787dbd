import { db } from '@/lib/db';
import { ConversationRequestSchema, type AgentConversation } from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { announce } from './events';
import { loadWorkspaceConversation } from './records';
import { toAgentConversation } from './views';

/** An agent takes the conversation from the bot (or the queue): it is theirs, the bot stops. */
export async function takeOverConversation(
  agent: AgentActor,
  input: unknown,
): Promise<AgentConversation> {
  const { conversationId } = ConversationRequestSchema.parse(input);
  const conversation = await loadWorkspaceConversation(agent.workspaceId, conversationId);
  const updated = await db().conversation.update({
    where: { id: conversation.id },
    data: { status: 'open', assigneeId: agent.userId, resolvedAt: null },
  });
  const record = { ...conversation, ...updated };
  announce('conversation.updated', { conversation: record });
  if (conversation.assigneeId !== agent.userId)
    announce('conversation.assigned', { conversation: record });
  return toAgentConversation(record);
}
