import { db } from '@/lib/db';
import { CreateInviteSchema } from '@/lib/schemas/auth';
import { ActionError } from '@/lib/auth/errors';
import { hashToken, newToken, type SessionMember } from '@/lib/auth/session';
import { recordAuditEvent } from './audit';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type Admin = Pick<SessionMember, 'userId' | 'workspaceId' | 'role'>;

/**
 * An admin invites someone by email. There is no mail server, so the returned token becomes a link
 * the admin passes on; only its hash is stored, so it is shown this once.
 */
export async function createInvite(
  admin: Admin,
  input: unknown,
): Promise<{ inviteId: string; token: string; expiresAt: Date }> {
  if (admin.role !== 'admin') throw new ActionError('forbidden', 'Only admins can invite');
  const { email, role } = CreateInviteSchema.parse(input);
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);

  const invite = await db().$transaction(async (tx) => {
    const existing = await tx.membership.findFirst({
      where: { workspaceId: admin.workspaceId, user: { email } },
      select: { id: true },
    });
    if (existing) throw new ActionError('conflict', `${email} is already a member`);
    // A new invite replaces any pending one for the same address.
    await tx.invite.deleteMany({
      where: { workspaceId: admin.workspaceId, email, acceptedAt: null },
    });
    const created = await tx.invite.create({
      data: {
        workspaceId: admin.workspaceId,
        email,
        role,
        tokenHash: hashToken(token),
        createdById: admin.userId,
        expiresAt,
      },
    });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'invite.created',
        target: `invite:${created.id}`,
        details: { email, role },
      },
      tx,
    );
    return created;
  });
  return { inviteId: invite.id, token, expiresAt };
}
