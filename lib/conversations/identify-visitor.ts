import { db, type Visitor } from '@/lib/db';
import { ActionError } from '@/lib/auth/errors';
import { isVerifiedIdentity } from '@/lib/auth/identity';
import { signVisitorToken } from '@/lib/auth/visitor-token';
import { IdentifyRequestSchema } from '@/lib/schemas/events';
import type { VisitorActor } from './actors';
import { findActiveConversation, rememberActiveConversation } from './current-conversation';
import { announce } from './events';
import { findSite } from './sites';

/**
 * `Hearth.identify()` on the host page. A verified identity (HMAC of the user id with the site's
 * secret) makes this browser that user's visitor, so their history follows them; an unverified
 * one only labels this visitor (marked unverified) and never reaches anyone else's history.
 */
export async function identifyVisitor(
  visitor: VisitorActor,
  input: unknown,
): Promise<{ verified: boolean; visitorId: string; token: string }> {
  const identity = IdentifyRequestSchema.parse(input);
  const site = await findSite(visitor.siteId);
  const current = await db().visitor.findFirst({
    where: { id: visitor.visitorId, siteId: visitor.siteId },
  });
  if (!site || !current) throw new ActionError('not_found', 'Unknown visitor');
  const details = {
    ...(identity.name ? { name: identity.name } : {}),
    ...(identity.email ? { email: identity.email } : {}),
  };
  const verified = isVerifiedIdentity(site.identitySecret, identity.id, identity.hash);

  let target: Visitor;
  if (!verified) {
    // A verified visitor keeps what the site vouched for.
    target = current.identityVerified
      ? current
      : await db().visitor.update({
          where: { id: current.id },
          data: { ...details, identityVerified: false },
        });
  } else if (
    current.externalId === identity.id ||
    (!current.externalId && !(await ownerOf(identity.id)))
  ) {
    target = await db().visitor.update({
      where: { id: current.id },
      data: { ...details, externalId: identity.id, identityVerified: true },
    });
  } else {
    target = await switchToUser(current, identity.id, details);
  }

  rememberActiveConversation(current.id, null);
  const active = await findActiveConversation({ siteId: site.id, visitorId: target.id });
  if (active) announce('conversation.updated', { conversation: active });
  return {
    verified,
    visitorId: target.id,
    token: signVisitorToken(site.visitorTokenSecret, { siteId: site.id, visitorId: target.id }),
  };

  function ownerOf(externalId: string) {
    return db().visitor.findUnique({
      where: { siteId_externalId: { siteId: site!.id, externalId } },
    });
  }
}

/**
 * The page's signed-in user is not who this browser was: continue as that user's visitor. An
 * anonymous browser's conversations join the user's history; another user's stay theirs.
 */
async function switchToUser(
  current: Visitor,
  externalId: string,
  details: { name?: string; email?: string },
): Promise<Visitor> {
  return db().$transaction(async (tx) => {
    const target = await tx.visitor.upsert({
      where: { siteId_externalId: { siteId: current.siteId, externalId } },
      create: { siteId: current.siteId, externalId, identityVerified: true, ...details },
      update: { identityVerified: true, lastSeenAt: new Date(), ...details },
    });
    if (!current.externalId) {
      await tx.conversation.updateMany({
        where: { visitorId: current.id },
        data: { visitorId: target.id },
      });
    }
    return target;
  });
}
