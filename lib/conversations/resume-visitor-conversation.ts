import { VisitorResumeRequestSchema, type VisitorResumeResult } from '@/lib/schemas/events';
import type { VisitorActor } from './actors';
import { loadConversation, loadMessages } from './records';
import { toVisitorConversation, toVisitorMessage } from './views';

const PAGE = 200;

/**
 * What a (re)connecting widget missed: its latest conversation and every visible message after
 * the last one it has. A different conversation than the client's means "start over from 0".
 */
export async function resumeVisitorConversation(
  visitor: VisitorActor,
  input: unknown,
): Promise<Omit<VisitorResumeResult, 'agentsOnline'>> {
  const request = VisitorResumeRequestSchema.parse(input);
  const conversation = await loadConversation(
    { siteId: visitor.siteId, visitorId: visitor.visitorId },
    { createdAt: 'desc' },
  );
  if (!conversation) return { conversation: null, messages: [], hasMore: false, throughSeq: 0 };
  const afterSeq = conversation.id === request.conversationId ? request.afterSeq : 0;
  const messages = await loadMessages(conversation.id, {
    afterSeq,
    includePrivate: false,
    limit: PAGE + 1,
  });
  const page = messages.slice(0, PAGE);
  const hasMore = messages.length > PAGE;
  // A conversation's messages commit in seq order (its row lock), and every seq up to the lastSeq
  // read above had committed before the messages were read: the page holds all visible ones to it.
  const throughSeq = Math.max(afterSeq, page.at(-1)?.seq ?? 0, hasMore ? 0 : conversation.lastSeq);
  return {
    conversation: toVisitorConversation(conversation),
    messages: page.map(toVisitorMessage),
    hasMore,
    throughSeq,
  };
}
