import { db } from '@/lib/db';
import { ActionError } from '@/lib/auth/errors';
import { signVisitorToken, verifyVisitorToken } from '@/lib/auth/visitor-token';
import { VisitorSessionRequestSchema, type VisitorSessionResult } from '@/lib/schemas/events';
import { findSiteByKey, isAllowedOrigin } from './sites';

/**
 * The embed iframe's first call: keeps the visitor of a valid token (refreshing it) or starts a
 * new visitor. Refuses pages whose origin the site does not allow.
 */
export async function startVisitorSession(
  input: unknown,
  request: { ownHosts: Set<string>; origin: string | null; browser: string | null },
): Promise<VisitorSessionResult> {
  const { siteKey, token, hostOrigin, currentUrl, language } =
    VisitorSessionRequestSchema.parse(input);
  const site = await findSiteByKey(siteKey);
  if (!site) throw new ActionError('not_found', 'Unknown site key');
  const callers = request.origin ? [hostOrigin, request.origin] : [hostOrigin];
  if (!callers.every((origin) => isAllowedOrigin(site, origin, request.ownHosts))) {
    throw new ActionError('forbidden', `This site does not allow the widget on ${hostOrigin}`);
  }
  const details = {
    currentUrl: currentUrl ?? null,
    language: language ?? null,
    browser: request.browser?.slice(0, 300) ?? null,
    lastSeenAt: new Date(),
  };
  const claims = token ? verifyVisitorToken(site.visitorTokenSecret, token) : null;
  if (claims && claims.siteId === site.id) {
    const { count } = await db().visitor.updateMany({
      where: { id: claims.visitorId, siteId: site.id },
      data: details,
    });
    if (count === 1) {
      return {
        token: signVisitorToken(site.visitorTokenSecret, {
          siteId: site.id,
          visitorId: claims.visitorId,
        }),
        visitorId: claims.visitorId,
      };
    }
  }
  const visitor = await db().visitor.create({
    data: { siteId: site.id, ...details },
    select: { id: true },
  });
  return {
    token: signVisitorToken(site.visitorTokenSecret, { siteId: site.id, visitorId: visitor.id }),
    visitorId: visitor.id,
  };
}
