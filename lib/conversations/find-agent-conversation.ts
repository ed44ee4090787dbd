import {
  JoinConversationRequestSchema,
  type AgentConversation,
  type AgentMessage,
} from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { loadMessages, loadWorkspaceConversation } from './records';
import { toAgentConversation, toAgentMessage } from './views';

/**
 * A conversation of the agent's workspace with its messages after `afterSeq`, notes included.
 * `beforeReading` runs once the conversation is known to be the agent's and before its messages
 * are read: a live view subscribes there, so a message stored meanwhile reaches it as an event
 * (and perhaps in the answer too) rather than falling between the read and the subscription.
 */
export async function findAgentConversation(
  agent: AgentActor,
  input: unknown,
  beforeReading?: (conversationId: string) => Promise<void> | void,
): Promise<{ conversation: AgentConversation; messages: AgentMessage[] }> {
  const { conversationId, afterSeq } = JoinConversationRequestSchema.parse(input);
  const conversation = await loadWorkspaceConversation(agent.workspaceId, conversationId);
  await beforeReading?.(conversation.id);
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
