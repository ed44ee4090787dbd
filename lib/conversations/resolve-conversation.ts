import { ConversationRequestSchema, type AgentConversation } from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { changeConversation } from './change-conversation';
import { announce } from './events';
import { loadWorkspaceConversation } from './records';
import { toAgentConversation } from './views';

/** The visitor's question is answered: out of the live views; the widget may ask for a rating. */
export async function resolveConversation(
  actor: AgentActor,
  input: unknown,
): Promise<AgentConversation> {
  const { conversationId } = ConversationRequestSchema.parse(input);
  const conversation = await loadWorkspaceConversation(actor.workspaceId, conversationId);
  if (conversation.status === 'resolved') return toAgentConversation(conversation);
  const changed = await changeConversation(
    conversation,
    {
      status: 'resolved',
      resolvedAt: new Date(),
      waitingSince: null,
      // Whoever resolves an unassigned conversation handled it, for the metrics.
      assigneeId: conversation.assigneeId ?? actor.userId,
      // Each resolution asks the visitor afresh (reopen, take-over); a rating is of the last one.
      csatScore: null,
      csatComment: null,
    },
    'conversation.resolved',
  );
  announce('conversation.resolved', { conversation: changed });
  return toAgentConversation(changed);
}
