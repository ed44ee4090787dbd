import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { ResetPasswordSchema } from '@/lib/schemas/auth';
import { recordAuditEvent } from '@/lib/workspace/audit';
import { ActionError } from '../errors';
import { hashPassword } from '../password';

/**
 * Recovery for someone with the server's shell (`npm run admin:reset-password -- EMAIL`): a new random
 * password replaces the old one and every session of the account ends.
 */
export async function resetPassword(input: unknown): Promise<{ email: string; password: string }> {
  const { email } = ResetPasswordSchema.parse(input);
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, memberships: { select: { workspaceId: true } } },
  });
  if (!user) throw new ActionError('not_found', `No account has the email ${email}`);
  const password = randomBytes(15).toString('base64url');
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    for (const { workspaceId } of user.memberships) {
      await recordAuditEvent(
        {
          workspaceId,
          actorId: null,
          action: 'member.password_reset',
          target: `user:${user.id}`,
          details: { sessionsEnded: count, by: 'command line' },
        },
        tx,
      );
    }
  });
  return { email, password };
}
