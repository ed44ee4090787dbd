import { ActionError } from '@/lib/auth/errors';
import { ConversationRequestSchema, type AgentConversation } from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { changeConversation } from './change-conversation';
import { loadWorkspaceConversation } from './records';
import { toAgentConversation } from './views';

/** The agent is done but the visitor may ask more: the bot answers again, with a fresh fallback count. */
export async function handBackToBot(actor: AgentActor, input: unknown): Promise<AgentConversation> {
  const { conversationId } = ConversationRequestSchema.parse(input);
  const conversation = await loadWorkspaceConversation(actor.workspaceId, conversationId);
  if (conversation.status === 'bot') return toAgentConversation(conversation);
  if (conversation.status === 'resolved')
    throw new ActionError('conflict', 'Reopen the conversation first');
  const changed = await changeConversation(conversation, {
    status: 'bot',
    assigneeId: null,
    waitingSince: null,
    handoffReason: null,
    fallbackCount: 0,
  });
  return toAgentConversation(changed);
}
