import { db } from '@/lib/db';
import { SignInSchema } from '@/lib/schemas/auth';
import { checkAttempts, clearAttempts, countAttempt, type AttemptLimit } from '../attempt-limit';
import { ActionError } from '../errors';
import { hashPassword, verifyPassword } from '../password';
import { createSession } from '../session';

/**
 * Only failures count, and they hold back the address that made them, never the account: a stranger
 * who knows an email cannot keep its owner out. One address gets a few guesses at one account and a
 * few dozen over all accounts per window; an account guessed at from many addresses answers slower.
 */
export const FAILURES_PER_ACCOUNT_AND_ADDRESS: AttemptLimit = { limit: 5, windowMs: 15 * 60_000 };
export const FAILURES_PER_ADDRESS: AttemptLimit = { limit: 30, windowMs: 15 * 60_000 };
const FAILURES_PER_ACCOUNT: AttemptLimit = { limit: 50, windowMs: 15 * 60_000 };
/** Added to every answer for an account past FAILURES_PER_ACCOUNT: slows a botnet, locks no one out. */
const SLOWDOWN_MS = 2_000;

const INVALID = 'Wrong email or password';

let decoyHash: Promise<string> | undefined;

/** "Too many failed sign-ins from here; try again in 4 minutes." */
export function waitMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? '' : 's'}`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;
  return `Too many failed sign-ins from here; try again in ${wait}`;
}

/** Email + password sign-in with failure limits; returns the new session's cookie token. */
export async function signIn(
  input: unknown,
  context: { ip: string },
): Promise<{ token: string; expiresAt: Date; userId: string; workspaceId: string }> {
  const { email, password } = SignInSchema.parse(input);
  const keys = {
    accountAndAddress: `sign-in:failed:email-ip:${email}|${context.ip}`,
    address: `sign-in:failed:ip:${context.ip}`,
    account: `sign-in:failed:email:${email}`,
  };
  for (const [key, limit] of [
    [keys.accountAndAddress, FAILURES_PER_ACCOUNT_AND_ADDRESS],
    [keys.address, FAILURES_PER_ADDRESS],
  ] as const) {
    const verdict = await checkAttempts(key, limit);
    if (!verdict.allowed) {
      throw new ActionError(
        'rate_limited',
        waitMessage(verdict.retryAfterMs),
        verdict.retryAfterMs,
      );
    }
  }
  if (!(await checkAttempts(keys.account, FAILURES_PER_ACCOUNT)).allowed) {
    await new Promise((resolve) => setTimeout(resolve, SLOWDOWN_MS));
  }

  const user = await db().user.findUnique({
    where: { email },
    select: {
      id: true,
      passwordHash: true,
      memberships: { select: { workspaceId: true }, orderBy: { createdAt: 'asc' }, take: 1 },
    },
  });
  // Same work for an unknown email as for a real check, so timing does not tell which emails exist.
  const verified = await verifyPassword(
    user?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy password'))),
    password,
  );
  const membership = user?.memberships[0];
  if (!user || !verified || !membership) {
    await countAttempt(keys.accountAndAddress, FAILURES_PER_ACCOUNT_AND_ADDRESS);
    await countAttempt(keys.address, FAILURES_PER_ADDRESS);
    await countAttempt(keys.account, FAILURES_PER_ACCOUNT);
    throw new ActionError('invalid', INVALID);
  }

  await clearAttempts(keys.accountAndAddress);
  const session = await createSession(user.id, membership.workspaceId);
  return { ...session, userId: user.id, workspaceId: membership.workspaceId };
}
