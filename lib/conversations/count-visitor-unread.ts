import { db } from '@/lib/db';
import { ActionError } from '@/lib/auth/errors';
import { verifyVisitorToken } from '@/lib/auth/visitor-token';
import { VisitorUnreadRequestSchema, type VisitorUnreadResult } from '@/lib/schemas/events';
import { findSiteByKey, isAllowedOrigin } from './sites';

/**
 * Replies the visitor has not read in their open conversation: the widget's loader asks this before
 * it loads the chat, so a returning visitor with an answer waiting sees it without the chat's
 * weight on every page. A token that no longer verifies has nothing unread.
 */
export async function countVisitorUnread(
  input: unknown,
  request: { ownHosts: Set<string>; origin: string | null },
): Promise<VisitorUnreadResult> {
  const { siteKey, token } = VisitorUnreadRequestSchema.parse(input);
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
