import { ActionError } from '@/lib/auth/errors';
import { db, type Prisma } from '@/lib/db';
import { announce } from './events';
import { loadConversation, type ConversationRecord } from './records';

/**
 * Applies an agent's change if nobody changed the status or assignee since the agent loaded the
 * conversation (two agents acting at once: the second is told instead of silently overwriting),
 * then announces the new state.
 */
export async function changeConversation(
  conversation: ConversationRecord,
  data: Prisma.ConversationUncheckedUpdateManyInput,
): Promise<ConversationRecord> {
  const { count } = await db().conversation.updateMany({
    where: {
      id: conversation.id,
      status: conversation.status,
      assigneeId: conversation.assigneeId,
    },
    data,
  });
  if (count === 0) {
    throw new ActionError(
      'conflict',
      'Someone changed this conversation just now; look again and retry',
    );
  }
  const updated = await loadConversation({ id: conversation.id });
  if (!updated) throw new ActionError('not_found', 'No such conversation');
  announce('conversation.updated', { conversation: updated });
  return updated;
}
