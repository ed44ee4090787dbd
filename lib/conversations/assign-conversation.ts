import { ActionError } from '@/lib/auth/errors';
import { db } from '@/lib/db';
import { AssignConversationRequestSchema } from '@/lib/schemas/inbox';
import type { AgentConversation } from '@/lib/schemas/events';
import type { AgentActor } from './actors';
import { changeConversation } from './change-conversation';
import { announce } from './events';
import { loadWorkspaceConversation } from './records';
import { toAgentConversation } from './views';

/**
 * Assigns a conversation to an agent of the workspace (or unassigns it). Giving a bot conversation
 * to someone takes it from the bot.
 */
export async function assignConversation(
  actor: AgentActor,
  input: unknown,
): Promise<AgentConversation> {
  const { conversationId, assigneeId } = AssignConversationRequestSchema.parse(input);
  const conversation = await loadWorkspaceConversation(actor.workspaceId, conversationId);
  if (conversation.status === 'resolved')
    throw new ActionError('conflict', 'Reopen the conversation first');
  if (assigneeId) {
    const membership = await db().membership.findUnique({
      where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId: assigneeId } },
    });
    if (!membership) throw new ActionError('not_found', 'No such agent in this workspace');
  }
  if (conversation.assigneeId === assigneeId) return toAgentConversation(conversation);
  const fromBot = conversation.status === 'bot' && assigneeId !== null;
  const changed = await changeConversation(
    conversation,
    {
      assigneeId,
      ...(fromBot ? { status: 'open', waitingSince: conversation.waitingSince ?? new Date() } : {}),
    },
    'conversation.assigned',
  );
  announce('conversation.assigned', { conversation: changed });
  return toAgentConversation(changed);
}
