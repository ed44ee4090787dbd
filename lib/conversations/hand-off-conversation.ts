import { db } from '@/lib/db';
import { announce } from './events';
import type { ConversationRecord } from './records';

/**
 * The conversation goes to a human: the bot stops answering and it waits in the inbox's
 * "needs a human" view. Called by the bot's decision and by the visitor's request.
 */
export async function handOffConversation(
  conversation: ConversationRecord,
  reason: string,
): Promise<ConversationRecord> {
  if (conversation.status === 'open') return conversation;
  const now = new Date();
  const updated = await db().conversation.update({
    where: { id: conversation.id },
    data: {
      status: 'open',
      handoffReason: reason.slice(0, 500),
      waitingSince: now,
      resolvedAt: null,
    },
  });
  const record: ConversationRecord = { ...conversation, ...updated };
  announce('conversation.updated', { conversation: record });
  announce('conversation.handoff', { conversation: record, reason });
  return record;
}
