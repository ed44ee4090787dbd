import { ActionError } from '@/lib/auth/errors';
import type { SessionMember } from '@/lib/auth/session';
import { db, type Prisma } from '@/lib/db';

/** Who runs an admin action: an admin of one workspace. */
export type Admin = Pick<SessionMember, 'userId' | 'workspaceId' | 'role'>;

export function assertAdmin(member: Admin): void {
  if (member.role !== 'admin') throw new ActionError('forbidden', 'Only admins can do that');
}

/**
 * The site, if it belongs to the admin's workspace. A site id from the client is never trusted:
 * another workspace's site looks exactly like a missing one.
 */
export async function requireWorkspaceSite(
  member: Admin,
  siteId: string,
  tx: Prisma.TransactionClient = db(),
): Promise<{ id: string; name: string; language: string; publicKey: string }> {
  assertAdmin(member);
  const site = await tx.site.findFirst({
    where: { id: siteId, workspaceId: member.workspaceId },
    select: { id: true, name: true, language: true, publicKey: true },
  });
  if (!site) throw new ActionError('not_found', 'No such site');
  return site;
}
