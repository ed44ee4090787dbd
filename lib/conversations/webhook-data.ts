import type { ConversationRecord, StoredMessage } from './records';

// What a delivery's `data` holds about a conversation and a message: ids, state and text, never
// the bot's internals (state, scores of other intents) or anything of other conversations.

export function conversationData(conversation: ConversationRecord) {
  const { visitor } = conversation;
  return {
    id: conversation.id,
    siteId: conversation.siteId,
    status: conversation.status,
    assigneeId: conversation.assigneeId,
    handoffReason: conversation.handoffReason,
    contactEmail: conversation.contactEmail,
    createdAt: conversation.createdAt.toISOString(),
    resolvedAt: conversation.resolvedAt?.toISOString() ?? null,
    rating:
      conversation.csatScore === null
        ? null
        : { score: conversation.csatScore, comment: conversation.csatComment },
    visitor: {
      id: visitor.id,
      externalId: visitor.externalId,
      name: visitor.name,
      email: visitor.email,
      identityVerified: visitor.identityVerified,
      language: visitor.language,
    },
  };
}

export function messageData(
  message: Pick<
    StoredMessage,
    | 'id'
    | 'conversationId'
    | 'seq'
    | 'sender'
    | 'authorId'
    | 'authorName'
    | 'body'
    | 'isPrivate'
    | 'intent'
    | 'confidence'
    | 'createdAt'
  >,
) {
  return {
    id: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    sender: message.sender,
    authorId: message.authorId,
    authorName: message.authorName,
    body: message.body,
    /** A note between agents, never shown to the visitor. */
    private: message.isPrivate,
    intent: message.intent,
    confidence: message.confidence,
    createdAt: message.createdAt.toISOString(),
  };
}
