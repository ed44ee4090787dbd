import { botAnswers } from '@/lib/bot/bot-answers';
import { db } from '@/lib/db';
import { ActionError } from '@/lib/auth/errors';
import { AgentSendRequestSchema, type AgentMessage } from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { announce } from './events';
import { loadWorkspaceConversation, type ConversationRecord } from './records';
import { storeMessage } from './store-message';
import { toAgentMessage } from './views';

/**
 * An agent replies, or writes a private note (never shown to the visitor). Replying to a
 * conversation the bot is still answering (its own, or one waiting for a person) takes it over,
 * so the bot and the agent never talk at once.
 */
export async function sendAgentMessage(agent: AgentActor, input: unknown): Promise<AgentMessage> {
  const { conversationId, clientId, body, isPrivate } = AgentSendRequestSchema.parse(input);
  let conversation = await loadWorkspaceConversation(agent.workspaceId, conversationId);
  if (!isPrivate && botAnswers(conversation))
    conversation = await takeOverQuietly(conversation, agent);
  const stored = await storeMessage(conversation, {
    sender: 'agent',
    body,
    clientId,
    isPrivate,
    authorId: agent.userId,
    authorName: agent.name,
  });
  if (!stored) throw new ActionError('not_found', 'No such conversation');
  if (stored.created) {
    announce('message.created', { conversation: stored.conversation, message: stored.message });
  }
  return toAgentMessage(stored.message);
}

async function takeOverQuietly(
  conversation: ConversationRecord,
  agent: AgentActor,
): Promise<ConversationRecord> {
  const updated = await db().conversation.update({
    where: { id: conversation.id },
    data: { status: 'open', assigneeId: conversation.assigneeId ?? agent.userId },
  });
  const record = { ...conversation, ...updated };
  announce('conversation.updated', { conversation: record });
  return record;
}
