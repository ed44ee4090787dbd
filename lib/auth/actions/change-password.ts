import { db } from '@/lib/db';
import { limiter } from '@/lib/rate-limit';
import { ChangePasswordSchema } from '@/lib/schemas/auth';
import { recordAuditEvent } from '@/lib/workspace/audit';
import { ActionError } from '../errors';
import { hashPassword, verifyPassword } from '../password';
import type { SessionMember } from '../session';
import { waitMessage } from './sign-in';

/** Wrong current passwords per account: a borrowed session must not become a password oracle. */
const wrongCurrentPasswords = limiter('password-change-failed', {
  points: 5,
  durationSeconds: 15 * 60,
});

/**
 * A signed-in member sets a new password after proving the current one; every other session of the
 * account ends (this one stays), so a device that knew the old password is signed out.
 */
export async function changePassword(
  member: Pick<SessionMember, 'userId' | 'workspaceId' | 'sessionId'>,
  input: unknown,
): Promise<{ sessionsEnded: number }> {
  const { currentPassword, newPassword } = ChangePasswordSchema.parse(input);
  const verdict = await wrongCurrentPasswords.check(member.userId);
  if (!verdict.allowed) {
    throw new ActionError('rate_limited', waitMessage(verdict.retryAfterMs), verdict.retryAfterMs);
  }
  const user = await db().user.findUniqueOrThrow({
    where: { id: member.userId },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await wrongCurrentPasswords.consume(member.userId);
    throw new ActionError('invalid', 'Your current password is not right');
  }
  await wrongCurrentPasswords.clear(member.userId);
  const passwordHash = await hashPassword(newPassword);
  const sessionsEnded = await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: member.userId }, data: { passwordHash } });
    const { count } = await tx.session.deleteMany({
      where: { userId: member.userId, id: { not: member.sessionId } },
    });
    await recordAuditEvent(
      {
        workspaceId: member.workspaceId,
        actorId: member.userId,
        action: 'member.password_changed',
        target: `user:${member.userId}`,
        details: { sessionsEnded: count },
      },
      tx,
    );
    return count;
  });
  return { sessionsEnded };
}
