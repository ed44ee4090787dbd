import { db } from '@/lib/db';
import { ReadRequestSchema } from '@/lib/schemas/events';
import type { AgentActor, VisitorActor } from './actors';
import { announce } from './events';
import { loadConversation, loadWorkspaceConversation, type ConversationRecord } from './records';
import { ActionError } from '@/lib/auth/errors';

export type Reader = { visitor: VisitorActor } | { agent: AgentActor };

/** Read receipt: the reader has seen every message up to `seq`. Only ever moves forward. */
export async function markConversationRead(reader: Reader, input: unknown): Promise<void> {
  const { conversationId, seq } = ReadRequestSchema.parse(input);
  const conversation = await readableConversation(reader, conversationId);
  const side = 'visitor' in reader ? 'visitor' : 'agent';
  const rows =
    side === 'visitor'
      ? await db().$queryRaw<{ seq: number }[]>`
          UPDATE "Conversation" SET "visitorReadSeq" = least(${seq}, "lastSeq")
          WHERE "id" = ${conversation.id} AND "visitorReadSeq" < least(${seq}, "lastSeq")
          RETURNING "visitorReadSeq" AS seq`
      : await db().$queryRaw<{ seq: number }[]>`
          UPDATE "Conversation" SET "agentReadSeq" = least(${seq}, "lastSeq")
          WHERE "id" = ${conversation.id} AND "agentReadSeq" < least(${seq}, "lastSeq")
          RETURNING "agentReadSeq" AS seq`;
  const [moved] = rows;
  if (!moved) return;
  const updated: ConversationRecord =
    side === 'visitor'
      ? { ...conversation, visitorReadSeq: moved.seq }
      : { ...conversation, agentReadSeq: moved.seq };
  announce('conversation.read', { conversation: updated, reader: side, seq: moved.seq });
}

async function readableConversation(
  reader: Reader,
  conversationId: string,
): Promise<ConversationRecord> {
  if ('agent' in reader) return loadWorkspaceConversation(reader.agent.workspaceId, conversationId);
  const conversation = await loadConversation({
    id: conversationId,
    siteId: reader.visitor.siteId,
    visitorId: reader.visitor.visitorId,
  });
  if (!conversation) throw new ActionError('not_found', 'No such conversation');
  return conversation;
}
