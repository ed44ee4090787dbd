import { ConversationRequestSchema, type AgentConversation } from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { announce } from './events';
import { loadWorkspaceConversation } from './records';
import { toAgentConversation } from './views';
import { changeWithWebhookEvent, conversationEventData } from './webhook-outbox';

/** An agent takes the conversation from the bot (or the queue): it is theirs, the bot stops. */
export async function takeOverConversation(
  agent: AgentActor,
  input: unknown,
): Promise<AgentConversation> {
  const { conversationId } = ConversationRequestSchema.parse(input);
  const conversation = await loadWorkspaceConversation(agent.workspaceId, conversationId);
  const assigned = conversation.assigneeId !== agent.userId;
  const record = await changeWithWebhookEvent(
    conversation.siteId,
    'conversation.assigned',
    async (client) => {
      const updated = await client.conversation.update({
        where: { id: conversation.id },
        data: { status: 'open', assigneeId: agent.userId, resolvedAt: null },
      });
      return { ...conversation, ...updated };
    },
    (changed) => (assigned ? conversationEventData(changed) : null),
  );
  announce('conversation.updated', { conversation: record });
  if (assigned) announce('conversation.assigned', { conversation: record });
  return toAgentConversation(record);
}
