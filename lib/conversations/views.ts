import { CitationSchema, StoredChoicesSchema } from '@/lib/schemas/message';
import type {
  AgentConversation,
  AgentMessage,
  VisitorConversation,
  VisitorMessage,
} from '@/lib/schemas/events';
import type { ConversationRecord, StoredMessage } from './records';

const Citations = CitationSchema.array().catch([]);
const PREVIEW_LENGTH = 140;

export function toVisitorMessage(message: StoredMessage): VisitorMessage {
  return {
    id: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    sender: message.sender,
    body: message.body,
    clientId: message.clientId,
    authorName: message.authorName,
    choices: StoredChoicesSchema.parse(message.choices),
    citations: Citations.parse(message.citations ?? []),
    createdAt: message.createdAt.toISOString(),
  };
}

export function toAgentMessage(message: StoredMessage): AgentMessage {
  return {
    ...toVisitorMessage(message),
    isPrivate: message.isPrivate,
    authorId: message.authorId,
    intent: message.intent,
    confidence: message.confidence,
    modelVersionId: message.modelVersionId,
  };
}

export function toVisitorConversation(conversation: ConversationRecord): VisitorConversation {
  return {
    id: conversation.id,
    status: conversation.status,
    lastSeq: conversation.lastSeq,
    agentReadSeq: conversation.agentReadSeq,
    contactEmail: conversation.contactEmail,
    csatScore: conversation.csatScore,
  };
}

/** `preview`: the last message the visitor could see, when the caller knows it. */
export function toAgentConversation(
  conversation: ConversationRecord,
  preview: string | null = null,
): AgentConversation {
  const { visitor } = conversation;
  return {
    id: conversation.id,
    siteId: conversation.siteId,
    status: conversation.status,
    assigneeId: conversation.assigneeId,
    handoffReason: conversation.handoffReason,
    lastSeq: conversation.lastSeq,
    visitorReadSeq: conversation.visitorReadSeq,
    agentReadSeq: conversation.agentReadSeq,
    lastMessageAt: conversation.lastMessageAt.toISOString(),
    waitingSince: conversation.waitingSince?.toISOString() ?? null,
    contactEmail: conversation.contactEmail,
    preview: preview === null ? null : preview.slice(0, PREVIEW_LENGTH),
    visitor: {
      id: visitor.id,
      name: visitor.name,
      email: visitor.email,
      identityVerified: visitor.identityVerified,
      currentUrl: visitor.currentUrl,
      browser: visitor.browser,
      language: visitor.language,
    },
  };
}
