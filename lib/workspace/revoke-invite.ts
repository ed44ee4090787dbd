import { db } from '@/lib/db';
import { RevokeInviteSchema } from '@/lib/schemas/auth';
import { ActionError } from '@/lib/auth/errors';
import type { SessionMember } from '@/lib/auth/session';
import { recordAuditEvent } from './audit';

/** An admin withdraws a pending invite; its link stops working. */
export async function revokeInvite(
  admin: Pick<SessionMember, 'userId' | 'workspaceId' | 'role'>,
  input: unknown,
): Promise<void> {
  if (admin.role !== 'admin') throw new ActionError('forbidden', 'Only admins can revoke invites');
  const { inviteId } = RevokeInviteSchema.parse(input);
  await db().$transaction(async (tx) => {
    const { count } = await tx.invite.deleteMany({
      where: { id: inviteId, workspaceId: admin.workspaceId, acceptedAt: null },
    });
    if (count === 0) throw new ActionError('not_found', 'No such pending invite');
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'invite.revoked',
        target: `invite:${inviteId}`,
      },
      tx,
    );
  });
}
