import { ActionError } from '@/lib/auth/errors';
import { ConversationRequestSchema, type AgentConversation } from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { changeConversation } from './change-conversation';
import { loadWorkspaceConversation } from './records';
import { toAgentConversation } from './views';

/** A resolved conversation needs a human again; it keeps its assignee. */
export async function reopenConversation(
  actor: AgentActor,
  input: unknown,
): Promise<AgentConversation> {
  const { conversationId } = ConversationRequestSchema.parse(input);
  const conversation = await loadWorkspaceConversation(actor.workspaceId, conversationId);
  if (conversation.status !== 'resolved') {
    throw new ActionError('conflict', 'Only a resolved conversation can be reopened');
  }
  const changed = await changeConversation(conversation, {
    status: 'open',
    resolvedAt: null,
    waitingSince: new Date(),
  });
  return toAgentConversation(changed);
}
