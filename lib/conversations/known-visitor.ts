import { db } from '@/lib/db';
import type { VisitorActor } from './actors';

/**
 * Whether the visitor a token names still exists: an erased visitor's token (valid for months)
 * names no one, and a socket on it could store nothing.
 */
export async function isKnownVisitor(visitor: VisitorActor): Promise<boolean> {
  const row = await db().visitor.findFirst({
    where: { id: visitor.visitorId, siteId: visitor.siteId },
    select: { id: true },
  });
  return row !== null;
}
