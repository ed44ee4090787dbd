import {
  JoinConversationRequestSchema,
  type AgentConversation,
  type AgentMessage,
} from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { loadMessages, loadWorkspaceConversation } from './records';
import { toAgentConversation, toAgentMessage } from './views';

/** A conversation of the agent's workspace with its messages after `afterSeq`, notes included. */
export async function findAgentConversation(
  agent: AgentActor,
  input: unknown,
): Promise<{ conversation: AgentConversation; messages: AgentMessage[] }> {
  const { conversationId, afterSeq } = JoinConversationRequestSchema.parse(input);
  const conversation = await loadWorkspaceConversation(agent.workspaceId, conversationId);
  const messages = await loadMessages(conversation.id, {
    afterSeq,
    includePrivate: true,
    limit: 1000,
  });
  const lastVisible = messages.findLast((message) => !message.isPrivate);
  return {
    conversation: toAgentConversation(conversation, lastVisible?.body ?? null),
    messages: messages.map(toAgentMessage),
  };
}
