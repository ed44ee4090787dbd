import { announce, unassignConversations } from '@/lib/conversations';
import { db } from '@/lib/db';
import { nudgeJobs } from '@/lib/jobs';
import { RemoveMemberSchema } from '@/lib/schemas/auth';
import { ActionError } from '@/lib/auth/errors';
import type { SessionMember } from '@/lib/auth/session';
import { lockAdminCount } from './admins';
import { recordAuditEvent } from './audit';

/**
 * An admin removes a member: their sessions in this workspace end (their inbox sockets close at the
 * next session check) and their conversations go back to the unassigned queue, live for everyone.
 */
export async function removeMember(
  admin: Pick<SessionMember, 'userId' | 'workspaceId' | 'role'>,
  input: unknown,
): Promise<{ unassignedConversationIds: string[] }> {
  if (admin.role !== 'admin') throw new ActionError('forbidden', 'Only admins can remove members');
  const { userId } = RemoveMemberSchema.parse(input);
  const unassigned = await db().$transaction(async (tx) => {
    const admins = await lockAdminCount(tx, admin.workspaceId);
    const membership = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: admin.workspaceId, userId } },
    });
    if (!membership) throw new ActionError('not_found', 'No such member');
    if (membership.role === 'admin' && admins <= 1) {
      throw new ActionError('conflict', 'The workspace needs at least one admin');
    }
    await tx.membership.delete({ where: { id: membership.id } });
    await tx.session.deleteMany({ where: { userId, workspaceId: admin.workspaceId } });
    const unassigned = await unassignConversations(tx, admin.workspaceId, userId);
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'member.removed',
        target: `user:${userId}`,
        details: { role: membership.role, unassigned: unassigned.length },
      },
      tx,
    );
    return unassigned;
  });
  nudgeJobs();
  for (const conversation of unassigned) {
    announce('conversation.updated', { conversation });
    announce('conversation.assigned', { conversation });
  }
  return { unassignedConversationIds: unassigned.map((conversation) => conversation.id) };
}
