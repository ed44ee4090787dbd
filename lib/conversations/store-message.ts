import { randomUUID } from 'node:crypto';
import { db, Prisma, type MessageSender } from '@/lib/db';
import { ActionError } from '@/lib/auth/errors';
import type { Citation } from '@/lib/schemas/message';
import type { ConversationRecord, StoredMessage } from './records';

export interface NewMessage {
  sender: MessageSender;
  body: string;
  clientId: string;
  authorId?: string | null;
  authorName?: string | null;
  isPrivate?: boolean;
  intent?: string | null;
  confidence?: number | null;
  modelVersionId?: string | null;
  citations?: Citation[];
  choices?: string[];
}

interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  sender: MessageSender;
  authorId: string | null;
  clientId: string | null;
  body: string;
  isPrivate: boolean;
  intent: string | null;
  confidence: number | null;
  modelVersionId: string | null;
  citations: Prisma.JsonValue;
  choices: string[];
  reviewState: StoredMessage['reviewState'];
  createdAt: Date;
}

/**
 * Stores a message once per (conversation, clientId) and gives it the conversation's next seq.
 * Returns `created: false` with the earlier row when the client retried a send that was stored.
 *
 * One statement, so a message costs one round trip: the UPDATE takes the conversation's row lock
 * (which totally orders its messages) and the INSERT commits with it. A duplicate clientId fails
 * the unique index and rolls the whole statement back, lastSeq included.
 */
export async function storeMessage(
  conversation: ConversationRecord,
  message: NewMessage,
): Promise<{ message: StoredMessage; conversation: ConversationRecord; created: boolean }> {
  const citations = message.citations?.length ? JSON.stringify(message.citations) : null;
  const agentReply = message.sender === 'agent' && !message.isPrivate;
  try {
    const [row] = await db().$queryRaw<MessageRow[]>`
      WITH next AS (
        UPDATE "Conversation"
        SET "lastSeq" = "lastSeq" + 1,
            "lastMessageAt" = now() AT TIME ZONE 'UTC',
            "updatedAt" = now() AT TIME ZONE 'UTC',
            "firstResponseAt" = CASE WHEN ${agentReply} THEN coalesce("firstResponseAt", now() AT TIME ZONE 'UTC')
                                     ELSE "firstResponseAt" END
        WHERE "id" = ${conversation.id}
        RETURNING "lastSeq", "lastMessageAt"
      )
      INSERT INTO "Message" ("id", "conversationId", "seq", "sender", "authorId", "clientId", "body",
        "isPrivate", "intent", "confidence", "modelVersionId", "citations", "choices", "createdAt")
      SELECT ${randomUUID()}, ${conversation.id}, next."lastSeq", ${message.sender}::"MessageSender",
        ${message.authorId ?? null}, ${message.clientId}, ${message.body}, ${message.isPrivate ?? false},
        ${message.intent ?? null}, ${message.confidence ?? null}::double precision, ${message.modelVersionId ?? null},
        ${citations}::jsonb, ${message.choices ?? []}::text[], next."lastMessageAt"
      FROM next
      RETURNING *`;
    if (!row) throw new ActionError('not_found', 'No such conversation');
    const stored: StoredMessage = { ...row, authorName: message.authorName ?? null };
    return {
      message: stored,
      conversation: {
        ...conversation,
        lastSeq: row.seq,
        lastMessageAt: row.createdAt,
        firstResponseAt: agentReply
          ? (conversation.firstResponseAt ?? row.createdAt)
          : conversation.firstResponseAt,
      },
      created: true,
    };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db().message.findUnique({
      where: { conversationId_clientId: { conversationId: conversation.id, clientId: message.clientId } },
    });
    // A clientId is the sender's own; someone else's message with it is not a retry.
    if (!existing || existing.sender !== message.sender || existing.authorId !== (message.authorId ?? null)) {
      throw new ActionError('conflict', 'This message id is already taken');
    }
    return {
      message: { ...existing, authorName: message.authorName ?? null },
      conversation,
      created: false,
    };
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const meta = error.meta as { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } } | undefined;
  return meta?.code === '23505' || meta?.driverAdapterError?.cause?.originalCode === '23505';
}
