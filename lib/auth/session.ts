import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import type { MemberRole } from '@/lib/db';

export const SESSION_COOKIE = 'hearth_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
// Sliding expiry without a write on every request.
const TOUCH_AFTER_MS = 60 * 60 * 1000;

/** Who is behind a session: one member of one workspace. */
export interface SessionMember {
  userId: string;
  workspaceId: string;
  role: MemberRole;
  sessionId: string;
  csrfToken: string;
  name: string;
  email: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts a session for a member; returns the cookie token (only its hash is stored). */
export async function createSession(
  userId: string,
  workspaceId: string,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const session = await db().session.create({
    data: { tokenHash: hashToken(token), userId, workspaceId, csrfToken: newToken(), expiresAt },
  });
  return { token, expiresAt, sessionId: session.id };
}

/**
 * The member behind a cookie token, or null when it is unknown, expired, or the user is no longer a
 * member of the session's workspace. The role is read fresh, so role changes apply at once.
 */
export async function findSessionByToken(
  token: string | undefined | null,
): Promise<SessionMember | null> {
  if (!token || token.length > 200) return null;
  const session = await db().session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      userId: true,
      workspaceId: true,
      csrfToken: true,
      expiresAt: true,
      lastSeenAt: true,
      user: {
        select: {
          name: true,
          email: true,
          memberships: { select: { workspaceId: true, role: true } },
        },
      },
    },
  });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await db().session.deleteMany({ where: { id: session.id } });
    return null;
  }
  const membership = session.user.memberships.find((m) => m.workspaceId === session.workspaceId);
  if (!membership) return null;
  if (now - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db().session.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_TTL_MS) },
    });
  }
  return {
    userId: session.userId,
    workspaceId: session.workspaceId,
    role: membership.role,
    sessionId: session.id,
    csrfToken: session.csrfToken,
    name: session.user.name,
    email: session.user.email,
  };
}

export async function deleteSession(sessionId: string): Promise<void> {
  await db().session.deleteMany({ where: { id: sessionId } });
}

/** Signs a user out on every device. */
export async function deleteUserSessions(userId: string): Promise<number> {
  const { count } = await db().session.deleteMany({ where: { userId } });
  return count;
}
