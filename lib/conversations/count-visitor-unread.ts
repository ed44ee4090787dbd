import { ActionError } from '@/lib/auth/errors';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { limiter } from '@/lib/rate-limit';
import { verifyVisitorToken } from '@/lib/auth/visitor-token';
import { VisitorUnreadRequestSchema, type VisitorUnreadResult } from '@/lib/schemas/events';
import { findSiteByKey, isAllowedOrigin } from './sites';

// Public and asked on page views, so an address gets the budget it has for new chats (its own count).
const asksPerAddress = () =>
  limiter('widget-unread-ip', { points: config().IP_CONNECTS_PER_MINUTE, durationSeconds: 60 });

/**
 * Replies the visitor has not read in their open conversation: the widget's loader asks this before
 * it loads the chat, so a returning visitor with an answer waiting sees it without the chat's
 * weight on every page. A token that no longer verifies has nothing unread.
 */
export async function countVisitorUnread(
  input: unknown,
  request: { ownHosts: Set<string>; origin: string | null; ip: string },
): Promise<VisitorUnreadResult> {
  const { siteKey, token } = VisitorUnreadRequestSchema.parse(input);
  // Before any query: unknown keys and forged tokens count too.
  const verdict = await asksPerAddress().consume(request.ip);
  if (!verdict.allowed) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new ActionError(
      'rate_limited',
      `Too many requests from your network; try again in ${seconds} s`,
      verdict.retryAfterMs,
    );
  }
  const site = await findSiteByKey(siteKey);
  if (!site) throw new ActionError('not_found', 'Unknown site key');
  if (request.origin && !isAllowedOrigin(site, request.origin, request.ownHosts)) {
    throw new ActionError('forbidden', `This site does not allow the widget on ${request.origin}`);
  }
  const claims = verifyVisitorToken(site.visitorTokenSecret, token);
  if (!claims || claims.siteId !== site.id) return { unread: 0 };
  const [row] = await db().$queryRaw<{ unread: number }[]>`
    SELECT count(m.*)::int AS unread
    FROM "Conversation" c
    JOIN "Message" m ON m."conversationId" = c."id"
      AND m."seq" > c."visitorReadSeq" AND m."sender" IN ('bot', 'agent') AND NOT m."isPrivate"
    WHERE c."id" = (
      SELECT "id" FROM "Conversation"
      WHERE "siteId" = ${site.id} AND "visitorId" = ${claims.visitorId} AND "status" <> 'resolved'
      ORDER BY "createdAt" DESC LIMIT 1
    )`;
  return { unread: row?.unread ?? 0 };
}
