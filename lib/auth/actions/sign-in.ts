import { db } from '@/lib/db';
import { limiter, type RateLimit } from '@/lib/rate-limit';
import { SignInSchema } from '@/lib/schemas/auth';
import { ActionError } from '../errors';
import { hashPassword, verifyPassword } from '../password';
import { createSession } from '../session';

/**
 * Only failures count, and they hold back the address that made them, never the account: a stranger
 * who knows an email cannot keep its owner out. One address gets a few guesses at one account and a
 * few dozen over all accounts per window; an account guessed at from many addresses answers slower.
 */
export const FAILURES_PER_ACCOUNT_AND_ADDRESS: RateLimit = { points: 5, durationSeconds: 15 * 60 };
export const FAILURES_PER_ADDRESS: RateLimit = { points: 30, durationSeconds: 15 * 60 };
const FAILURES_PER_ACCOUNT: RateLimit = { points: 50, durationSeconds: 15 * 60 };
const failures = {
  accountAndAddress: limiter('sign-in-failed-email-ip', FAILURES_PER_ACCOUNT_AND_ADDRESS),
  address: limiter('sign-in-failed-ip', FAILURES_PER_ADDRESS),
  account: limiter('sign-in-failed-email', FAILURES_PER_ACCOUNT),
};
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
  await holdBackGuesser(email, context.ip);
  if (!(await failures.account.check(email)).allowed) {
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
    await countWrongPassword(email, context.ip);
    throw new ActionError('invalid', INVALID);
  }

  await forgetWrongPasswords(email, context.ip);
  const session = await createSession(user.id, membership.workspaceId);
  return { ...session, userId: user.id, workspaceId: membership.workspaceId };
}

/**
 * Refuses an address past its failure limits, for this account or over all. Every way of trying an
 * account's password (sign-in, an invite to an existing account) shares these counts, so none of
 * them is a way around the others.
 */
export async function holdBackGuesser(email: string, ip: string): Promise<void> {
  for (const [limit, key] of [
    [failures.accountAndAddress, `${email}|${ip}`],
    [failures.address, ip],
  ] as const) {
    const verdict = await limit.check(key);
    if (!verdict.allowed) {
      throw new ActionError(
        'rate_limited',
        waitMessage(verdict.retryAfterMs),
        verdict.retryAfterMs,
      );
    }
  }
}

/** A wrong password for `email` (or an unknown email), from `ip`. */
export async function countWrongPassword(email: string, ip: string): Promise<void> {
  await failures.accountAndAddress.consume(`${email}|${ip}`);
  await failures.address.consume(ip);
  await failures.account.consume(email);
}

/** The right password: the address's earlier failures on this account are forgiven. */
export async function forgetWrongPasswords(email: string, ip: string): Promise<void> {
  await failures.accountAndAddress.clear(`${email}|${ip}`);
}
