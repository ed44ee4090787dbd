import { z } from 'zod';
import { db } from '@/lib/db';
import { AcceptInviteSchema, NewPasswordSchema } from '@/lib/schemas/auth';
import {
  countWrongPassword,
  forgetWrongPasswords,
  holdBackGuesser,
} from '@/lib/auth/actions/sign-in';
import { ActionError } from '@/lib/auth/errors';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { createSession, hashToken } from '@/lib/auth/session';
import { recordAuditEvent } from './audit';

const GONE = 'This invite link is invalid, used or expired; ask your admin for a new one';

/** What the accept page shows before the invitee sets a name and password. */
export async function findPendingInvite(
  token: string,
): Promise<{ email: string; role: string; workspaceName: string; hasAccount: boolean } | null> {
  if (token.length > 200) return null;
  const invite = await db().invite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      email: true,
      role: true,
      acceptedAt: true,
      expiresAt: true,
      workspace: { select: { name: true } },
    },
  });
  if (!invite || invite.acceptedAt || invite.expiresAt.getTime() <= Date.now()) return null;
  const account = await db().user.findUnique({
    where: { email: invite.email },
    select: { id: true },
  });
  return {
    email: invite.email,
    role: invite.role,
    workspaceName: invite.workspace.name,
    hasAccount: Boolean(account),
  };
}

/**
 * The invitee joins the workspace: a new account gets the name and password given; an existing
 * account must prove itself with its current password, under sign-in's failure limits for the
 * address `ip` (whoever holds the link, the inviting admin included, guesses no faster). Signs them in.
 */
export async function acceptInvite(
  input: unknown,
  context: { ip: string },
): Promise<{ token: string; expiresAt: Date; userId: string; workspaceId: string }> {
  const { token, name, password } = AcceptInviteSchema.parse(input);

  const joined = await db().$transaction(async (tx) => {
    // The row lock makes a double submit accept once.
    const [invite] = await tx.$queryRaw<
      { id: string; workspaceId: string; email: string; role: 'admin' | 'agent' }[]
    >`select id, "workspaceId", email, role from "Invite"
      where "tokenHash" = ${hashToken(token)} and "acceptedAt" is null and "expiresAt" > now()
      for update`;
    if (!invite) throw new ActionError('not_found', GONE);

    let user = await tx.user.findUnique({ where: { email: invite.email } });
    if (user) {
      // Counted per address and account, not per invite: a new invite is no new budget of guesses.
      await holdBackGuesser(user.email, context.ip);
      if (!(await verifyPassword(user.passwordHash, password))) {
        await countWrongPassword(user.email, context.ip);
        throw new ActionError('invalid', 'You already have an account: enter its current password');
      }
      await forgetWrongPasswords(user.email, context.ip);
    } else {
      if (!name) throw new ActionError('invalid', 'Enter your name');
      z.object({ password: NewPasswordSchema }).parse({ password });
      user = await tx.user.create({
        data: { email: invite.email, name, passwordHash: await hashPassword(password) },
      });
    }
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId: user.id } },
      create: { workspaceId: invite.workspaceId, userId: user.id, role: invite.role },
      update: {},
    });
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedAt: new Date() } });
    await recordAuditEvent(
      {
        workspaceId: invite.workspaceId,
        actorId: user.id,
        action: 'invite.accepted',
        target: `invite:${invite.id}`,
        details: { email: invite.email, role: invite.role },
      },
      tx,
    );
    return { userId: user.id, workspaceId: invite.workspaceId };
  });

  const session = await createSession(joined.userId, joined.workspaceId);
  return { ...session, ...joined };
}
