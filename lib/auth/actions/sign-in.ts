import { db } from '@/lib/db';
import { SignInSchema } from '@/lib/schemas/auth';
import { clearAttempts, countAttempt } from '../attempt-limit';
import { ActionError } from '../errors';
import { hashPassword, verifyPassword } from '../password';
import { createSession } from '../session';

/** Failures before the account locks; each further failure doubles the lock, up to an hour. */
export const LOCK_AFTER_FAILURES = 5;
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 60 * 60_000;
const PER_IP = { limit: 30, windowMs: 15 * 60_000 };
const PER_EMAIL = { limit: 10, windowMs: 15 * 60_000 };

const INVALID = 'Wrong email or password';
const TOO_MANY = 'Too many sign-in attempts; try again later';

let decoyHash: Promise<string> | undefined;

export function lockDuration(failedLogins: number): number {
  if (failedLogins < LOCK_AFTER_FAILURES) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failedLogins - LOCK_AFTER_FAILURES), LONGEST_LOCK_MS);
}

/** Email + password sign-in with rate limits and lock-out; returns the new session's cookie token. */
export async function signIn(
  input: unknown,
  context: { ip: string },
): Promise<{ token: string; expiresAt: Date; userId: string; workspaceId: string }> {
  const { email, password } = SignInSchema.parse(input);

  for (const [key, limit] of [
    [`sign-in:ip:${context.ip}`, PER_IP],
    [`sign-in:email:${email}`, PER_EMAIL],
  ] as const) {
    const verdict = await countAttempt(key, limit);
    if (!verdict.allowed) throw new ActionError('rate_limited', TOO_MANY, verdict.retryAfterMs);
  }

  const user = await db().user.findUnique({
    where: { email },
    select: {
      id: true,
      passwordHash: true,
      lockedUntil: true,
      memberships: { select: { workspaceId: true }, orderBy: { createdAt: 'asc' }, take: 1 },
    },
  });
  if (!user) {
    // Same work as a real check, so response time does not tell which emails have accounts.
    await verifyPassword(await (decoyHash ??= hashPassword('decoy password')), password);
    throw new ActionError('invalid', INVALID);
  }
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    throw new ActionError('rate_limited', TOO_MANY, user.lockedUntil.getTime() - now);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    const { failedLogins } = await db().user.update({
      where: { id: user.id },
      data: { failedLogins: { increment: 1 } },
      select: { failedLogins: true },
    });
    const lockMs = lockDuration(failedLogins);
    if (lockMs > 0) {
      await db().user.update({
        where: { id: user.id },
        data: { lockedUntil: new Date(now + lockMs) },
      });
    }
    throw new ActionError('invalid', INVALID);
  }
  const membership = user.memberships[0];
  if (!membership) throw new ActionError('invalid', INVALID);

  await db().user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
  await clearAttempts(`sign-in:email:${email}`);
  const session = await createSession(user.id, membership.workspaceId);
  return { ...session, userId: user.id, workspaceId: membership.workspaceId };
}
