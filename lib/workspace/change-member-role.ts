import { db } from '@/lib/db';
import { ChangeMemberRoleSchema } from '@/lib/schemas/auth';
import { ActionError } from '@/lib/auth/errors';
import type { SessionMember } from '@/lib/auth/session';
import { lockAdminCount } from './admins';
import { recordAuditEvent } from './audit';

/** An admin makes a member an admin or an agent; a workspace always keeps one admin. */
export async function changeMemberRole(
  admin: Pick<SessionMember, 'userId' | 'workspaceId' | 'role'>,
  input: unknown,
): Promise<void> {
  if (admin.role !== 'admin') throw new ActionError('forbidden', 'Only admins can change roles');
  const { userId, role } = ChangeMemberRoleSchema.parse(input);
  await db().$transaction(async (tx) => {
    const admins = await lockAdminCount(tx, admin.workspaceId);
    const membership = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: admin.workspaceId, userId } },
    });
    if (!membership) throw new ActionError('not_found', 'No such member');
    if (membership.role === role) return;
    if (membership.role === 'admin' && admins <= 1) {
      throw new ActionError('conflict', 'The workspace needs at least one admin');
    }
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'member.role_changed',
        target: `user:${userId}`,
        details: { from: membership.role, to: role },
      },
      tx,
    );
  });
}
