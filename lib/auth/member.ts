import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import type { MemberRole } from '@/lib/schemas/auth';
import { checkCsrfToken, checkRequestOrigin } from './csrf';
import { ActionError } from './errors';
import { findSessionByToken, SESSION_COOKIE, type SessionMember } from './session';

/** The signed-in member of this request, for server components, server actions and route handlers. */
export const getCurrentMember = cache(async (): Promise<SessionMember | null> => {
  return findSessionByToken((await cookies()).get(SESSION_COOKIE)?.value);
});

/** For pages: sends the signed-out to /login and hides admin pages from agents. */
export async function requireMember(options: { role?: MemberRole } = {}): Promise<SessionMember> {
  const member = await getCurrentMember();
  if (!member) redirect('/login');
  if (options.role && member.role !== options.role) notFound();
  return member;
}

/** For server actions: the member, after the Origin and CSRF-token checks. Throws ActionError. */
export async function requireMemberForAction(
  csrfToken: unknown,
  options: { role?: MemberRole } = {},
): Promise<SessionMember> {
  checkRequestOrigin(await headers());
  const member = await getCurrentMember();
  if (!member) throw new ActionError('unauthenticated', 'Your session has ended; sign in again');
  checkCsrfToken(member.csrfToken, csrfToken);
  if (options.role && member.role !== options.role) {
    throw new ActionError('forbidden', 'Only admins can do that');
  }
  return member;
}
